import { recordAudit } from "../audit/index.ts";
import { type Clock, toIso } from "../clock.ts";
import { type ActionContext, type Actor, actorHasRole, type Role } from "../context.ts";
import type { Database } from "../db/database.ts";
import { NotAllowedError, NotFoundError } from "../errors.ts";
import { newId, newSecret } from "../ids.ts";
import { hashSecret } from "./password.ts";
import { type TokenView, tokenView } from "./tokens.schema.ts";

export { type TokenView, tokenView };

import { findUserByEmail, findUserById, findUserByName } from "./users.repository.ts";

/** last_used_at is refreshed at most this often, so authenticated reads do not all become writes. */
const lastUsedResolutionMs = 60_000;

/**
 * Creates an API token for a user (by name or email). The token itself is returned once and only its
 * hash is stored. Users make their own; admins (and the host CLI) can make one for anybody.
 */
export async function createToken(
  db: Database,
  ctx: ActionContext,
  input: { user: string; name: string },
): Promise<{ token: string; view: TokenView }> {
  const user = (await findUserByName(db.read, input.user)) ?? (await findUserByEmail(db.read, input.user));
  if (!user) throw new NotFoundError(`no user named or with email '${input.user}'`);
  const own = ctx.actor.type === "user" && ctx.actor.id === user.id;
  if (!own && !actorHasRole(ctx.actor, "admin"))
    throw new NotAllowedError("only an admin can create tokens for others");
  const token = newSecret("odt_");
  const now = ctx.clock.now();
  const row = {
    id: newId(now),
    user_id: user.id,
    name: input.name,
    token_hash: hashSecret(token),
    hint: token.slice(0, 10),
    created_at: toIso(now),
    last_used_at: null,
    revoked_at: null,
  };
  await db.write(async (trx) => {
    await trx.insertInto("api_tokens").values(row).execute();
    await recordAudit(trx, ctx, {
      action: "token.create",
      entityType: "api_token",
      entityId: row.id,
      after: { name: row.name, user: user.name, hint: row.hint },
    });
  });
  return { token, view: present(row, user.name) };
}

function present(
  r: {
    id: string;
    name: string;
    hint: string;
    created_at: string;
    last_used_at: string | null;
    revoked_at: string | null;
  },
  user: string,
): TokenView {
  return {
    id: r.id,
    name: r.name,
    user,
    hint: r.hint,
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at,
    revokedAt: r.revoked_at,
  };
}

/** The caller's own tokens; admins may ask for everyone's with `all`. */
export async function listTokens(db: Database, actor: Actor, all: boolean): Promise<TokenView[]> {
  let q = db.read
    .selectFrom("api_tokens")
    .innerJoin("users", "users.id", "api_tokens.user_id")
    .selectAll("api_tokens")
    .select("users.name as user_name");
  if (!(all && actorHasRole(actor, "admin"))) {
    if (actor.type !== "user") return [];
    q = q.where("api_tokens.user_id", "=", actor.id);
  }
  const rows = await q.orderBy("api_tokens.created_at", "desc").execute();
  return rows.map((r) => present(r, r.user_name));
}

export async function revokeToken(db: Database, ctx: ActionContext, id: string): Promise<TokenView> {
  return db.write(async (trx) => {
    const row = await trx.selectFrom("api_tokens").selectAll().where("id", "=", id).executeTakeFirst();
    if (!row) throw new NotFoundError(`no token with id '${id}'`);
    const own = ctx.actor.type === "user" && ctx.actor.id === row.user_id;
    if (!own && !actorHasRole(ctx.actor, "admin"))
      throw new NotAllowedError("only an admin can revoke others' tokens");
    const revokedAt = row.revoked_at ?? toIso(ctx.clock.now());
    await trx.updateTable("api_tokens").set({ revoked_at: revokedAt }).where("id", "=", id).execute();
    await recordAudit(trx, ctx, {
      action: "token.revoke",
      entityType: "api_token",
      entityId: id,
      before: { name: row.name },
    });
    const user = await findUserById(trx, row.user_id);
    return present({ ...row, revoked_at: revokedAt }, user?.name ?? "");
  });
}

/** The user behind a bearer token, or null when it is unknown, revoked or its user is disabled. */
export async function actorFromToken(db: Database, clock: Clock, token: string): Promise<Actor | null> {
  const row = await db.read
    .selectFrom("api_tokens")
    .innerJoin("users", "users.id", "api_tokens.user_id")
    .select([
      "api_tokens.id as token_id",
      "api_tokens.last_used_at",
      "api_tokens.revoked_at",
      "users.id",
      "users.name",
      "users.role",
      "users.disabled",
    ])
    .where("api_tokens.token_hash", "=", hashSecret(token))
    .executeTakeFirst();
  if (!row || row.revoked_at !== null || row.disabled === 1) return null;
  const now = clock.now();
  if (!row.last_used_at || now.getTime() - new Date(row.last_used_at).getTime() > lastUsedResolutionMs) {
    await db.write((trx) =>
      trx
        .updateTable("api_tokens")
        .set({ last_used_at: toIso(now) })
        .where("id", "=", row.token_id)
        .execute(),
    );
  }
  return { type: "user", id: row.id, name: row.name, role: row.role as Role };
}
