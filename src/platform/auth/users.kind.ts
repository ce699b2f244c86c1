import { z } from "zod";
import { recordAudit } from "../audit/index.ts";
import { toIso } from "../clock.ts";
import { ConflictError } from "../errors.ts";
import { newId } from "../ids.ts";
import type { KindHandler } from "../manifests/kinds.ts";
import { auditableUser, findUserByEmail, findUserByName } from "./users.repository.ts";
import { userFields } from "./users.schema.ts";

/** `kind: User`. Passwords are never in manifests: users set them through the UI or `opsdeck user`. */
export const userSpec = z
  .object({
    email: userFields.email,
    displayName: userFields.displayName.optional(),
    role: userFields.role.default("viewer"),
    timeZone: userFields.timeZone.default("UTC"),
  })
  .strict();
type UserSpec = z.output<typeof userSpec>;

export const userKind: KindHandler<UserSpec> = {
  apiVersion: "opsdeck.dev/v1",
  kind: "User",
  order: 10,
  spec: userSpec,
  async current(db) {
    const rows = await db.selectFrom("users").selectAll().execute();
    return new Map(
      rows.map((r) => [
        r.name,
        {
          email: r.email,
          ...(r.display_name !== r.name ? { displayName: r.display_name } : {}),
          role: r.role as UserSpec["role"],
          timeZone: r.time_zone,
        },
      ]),
    );
  },
  async upsert(db, ctx, name, spec) {
    const now = toIso(ctx.clock.now());
    const existing = await findUserByName(db, name);
    const byEmail = await findUserByEmail(db, spec.email);
    if (byEmail && byEmail.name !== name)
      throw new ConflictError(`email ${spec.email} belongs to user '${byEmail.name}'`);
    const values = {
      email: spec.email,
      display_name: spec.displayName ?? name,
      role: spec.role,
      time_zone: spec.timeZone,
      updated_at: now,
    };
    if (existing) {
      await db.updateTable("users").set(values).where("id", "=", existing.id).execute();
      await recordAudit(db, ctx, {
        action: "user.update",
        entityType: "user",
        entityId: name,
        before: auditableUser(existing),
        after: auditableUser({ ...existing, ...values }),
      });
    } else {
      const row = {
        id: newId(ctx.clock.now()),
        name,
        password_hash: null,
        disabled: 0,
        created_at: now,
        ...values,
      };
      await db.insertInto("users").values(row).execute();
      await recordAudit(db, ctx, {
        action: "user.create",
        entityType: "user",
        entityId: name,
        after: auditableUser(row),
      });
    }
  },
  async remove(db, ctx, name) {
    // Users are disabled rather than deleted: incidents, audit rows and schedules keep pointing at them.
    const existing = await findUserByName(db, name);
    if (!existing || existing.disabled === 1) return;
    await db
      .updateTable("users")
      .set({ disabled: 1, updated_at: toIso(ctx.clock.now()) })
      .where("id", "=", existing.id)
      .execute();
    await db.deleteFrom("sessions").where("user_id", "=", existing.id).execute();
    await recordAudit(db, ctx, {
      action: "user.disable",
      entityType: "user",
      entityId: name,
      before: auditableUser(existing),
    });
  },
};
