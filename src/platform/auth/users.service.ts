import { z } from "zod";
import { recordAudit } from "../audit/index.ts";
import { toIso } from "../clock.ts";
import { type ActionContext, actorHasRole } from "../context.ts";
import type { Database } from "../db/database.ts";
import { ConflictError, NotAllowedError, NotFoundError } from "../errors.ts";
import { newId } from "../ids.ts";
import { parseInput } from "../validation.ts";
import { hashPassword } from "./password.ts";
import {
  auditableUser,
  countAdmins,
  findUserByEmail,
  findUserByName,
  listUserRows,
  presentUser,
} from "./users.repository.ts";
import { type CreateUserInput, createUserBody, type UpdateUserInput, type UserView } from "./users.schema.ts";

export async function createUser(db: Database, ctx: ActionContext, raw: CreateUserInput): Promise<UserView> {
  const input = parseInput(createUserBody, raw);
  if (!actorHasRole(ctx.actor, "admin")) throw new NotAllowedError("only an admin can create users");
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  return db.write(async (trx) => {
    if (await findUserByName(trx, input.name)) throw new ConflictError(`a user named '${input.name}' exists`);
    if (await findUserByEmail(trx, input.email))
      throw new ConflictError(`a user with email '${input.email}' exists`);
    const now = toIso(ctx.clock.now());
    const row = {
      id: newId(ctx.clock.now()),
      name: input.name,
      email: input.email,
      display_name: input.displayName ?? input.name,
      role: input.role,
      time_zone: input.timeZone,
      password_hash: passwordHash,
      disabled: 0,
      created_at: now,
      updated_at: now,
    };
    await trx.insertInto("users").values(row).execute();
    await recordAudit(trx, ctx, {
      action: "user.create",
      entityType: "user",
      entityId: row.name,
      after: auditableUser(row),
    });
    return presentUser(row);
  });
}

export async function updateUser(
  db: Database,
  ctx: ActionContext,
  name: string,
  input: UpdateUserInput,
): Promise<UserView> {
  const selfService = ctx.actor.type === "user" && ctx.actor.name === name;
  const onlyOwnFields = input.role === undefined && input.disabled === undefined && input.email === undefined;
  if (!actorHasRole(ctx.actor, "admin") && !(selfService && onlyOwnFields)) {
    throw new NotAllowedError(
      "only an admin can change another user, a role, an email or disable an account",
    );
  }
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  return db.write(async (trx) => {
    const before = await findUserByName(trx, name);
    if (!before) throw new NotFoundError(`no user named '${name}'`);
    if (input.email && input.email !== before.email && (await findUserByEmail(trx, input.email))) {
      throw new ConflictError(`a user with email '${input.email}' exists`);
    }
    const demotesAdmin =
      before.role === "admin" && ((input.role && input.role !== "admin") || input.disabled === true);
    if (demotesAdmin && (await countAdmins(trx)) <= 1) {
      throw new ConflictError("this is the last active admin; make another admin first");
    }
    const after = {
      ...before,
      email: input.email ?? before.email,
      display_name: input.displayName ?? before.display_name,
      role: input.role ?? before.role,
      time_zone: input.timeZone ?? before.time_zone,
      disabled: input.disabled === undefined ? before.disabled : input.disabled ? 1 : 0,
      password_hash: passwordHash ?? before.password_hash,
      updated_at: toIso(ctx.clock.now()),
    };
    await trx.updateTable("users").set(after).where("id", "=", before.id).execute();
    if (after.disabled === 1 || passwordHash) {
      // A disabled account or a changed password ends every session of that user.
      await trx.deleteFrom("sessions").where("user_id", "=", before.id).execute();
    }
    const audit = { ...auditableUser(after), passwordChanged: passwordHash !== undefined };
    await recordAudit(trx, ctx, {
      action: "user.update",
      entityType: "user",
      entityId: name,
      before: auditableUser(before),
      after: audit,
    });
    return presentUser(after);
  });
}

export const listUsersQuery = z.object({
  search: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

export async function listUsers(db: Database, q: z.output<typeof listUsersQuery>): Promise<UserView[]> {
  return (await listUserRows(db.read, q)).map(presentUser);
}

export async function getUser(db: Database, name: string): Promise<UserView> {
  const row = await findUserByName(db.read, name);
  if (!row) throw new NotFoundError(`no user named '${name}'`);
  return presentUser(row);
}
