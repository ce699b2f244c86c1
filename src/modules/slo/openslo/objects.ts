import type { z } from "zod";
import { recordAudit } from "../../../platform/audit/index.ts";
import { toIso } from "../../../platform/clock.ts";
import { NotFoundError } from "../../../platform/errors.ts";
import type { KindHandler } from "../../../platform/manifests/kinds.ts";
import { redact, type StoredKind, storedKinds } from "./schemas.ts";

export const openSloApiVersion = "openslo/v1";
export const openSloAlphaApiVersion = "openslo/v1alpha";

/** A handler per stored OpenSLO kind: validated, secrets redacted, kept in slo_openslo_objects. */
function storedKindHandler(openSloKind: StoredKind): KindHandler<unknown> {
  const { kind, spec } = storedKinds[openSloKind];
  return {
    apiVersion: "opsdeck.dev/v1",
    kind,
    // SLIs before SLOs (70), so an SLO can read the SLI it references.
    order: 65,
    spec: (spec as z.ZodType).transform(redact) as z.ZodType<unknown>,
    async current(db) {
      const rows = await db
        .selectFrom("slo_openslo_objects")
        .select(["name", "spec_json"])
        .where("kind", "=", kind)
        .execute();
      return new Map(rows.map((r) => [r.name, JSON.parse(r.spec_json) as unknown]));
    },
    async upsert(db, ctx, name, value, existed) {
      const now = toIso(ctx.clock.now());
      const specJson = JSON.stringify(value);
      if (existed)
        await db
          .updateTable("slo_openslo_objects")
          .set({ spec_json: specJson, updated_at: now })
          .where("kind", "=", kind)
          .where("name", "=", name)
          .execute();
      else
        await db
          .insertInto("slo_openslo_objects")
          .values({
            kind,
            name,
            api_version: openSloApiVersion,
            spec_json: specJson,
            created_at: now,
            updated_at: now,
          })
          .execute();
      await recordAudit(db, ctx, {
        action: existed ? "openslo.update" : "openslo.create",
        entityType: kind,
        entityId: name,
        after: value,
      });
    },
    async remove(db, ctx, name) {
      const res = await db
        .deleteFrom("slo_openslo_objects")
        .where("kind", "=", kind)
        .where("name", "=", name)
        .executeTakeFirst();
      if (Number(res.numDeletedRows) === 0) throw new NotFoundError(`no ${kind} named '${name}'`);
      await recordAudit(db, ctx, { action: "openslo.delete", entityType: kind, entityId: name });
    },
  };
}

export const openSloObjectKinds: KindHandler[] = (Object.keys(storedKinds) as StoredKind[]).map(
  storedKindHandler,
);
