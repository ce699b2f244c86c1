import type { Kysely } from "kysely";
import { addMs, type Clock, toIso } from "../clock.ts";
import type { Actor, Role } from "../context.ts";
import type { Database } from "../db/database.ts";
import type { Tables } from "../db/tables.ts";
import { RateLimitedError, UnauthenticatedError } from "../errors.ts";
import { newSecret } from "../ids.ts";
import { burnPasswordCheck, hashSecret, verifyPassword } from "./password.ts";
import { findUserByEmail, findUserById, presentUser } from "./users.repository.ts";
import type { UserView } from "./users.schema.ts";

/** Failed logins allowed per window before the account or the address must wait. */
export const loginLimits = { windowMs: 15 * 60_000, perAccount: 5, perAddress: 20 };

async function failuresIn(
  db: Kysely<Tables>,
  key: string,
  now: Date,
): Promise<{ count: number; retryAfter: number }> {
  const row = await db.selectFrom("login_failures").selectAll().where("key", "=", key).executeTakeFirst();
  if (!row) return { count: 0, retryAfter: 0 };
  const ends = new Date(row.window_started_at).getTime() + loginLimits.windowMs;
  if (ends <= now.getTime()) return { count: 0, retryAfter: 0 };
  return { count: row.failures, retryAfter: Math.ceil((ends - now.getTime()) / 1000) };
}

async function noteFailure(db: Database, key: string, now: Date): Promise<void> {
  await db.write(async (trx) => {
    const current = await failuresIn(trx, key, now);
    if (current.count === 0) {
      await trx.deleteFrom("login_failures").where("key", "=", key).execute();
      await trx
        .insertInto("login_failures")
        .values({ key, window_started_at: toIso(now), failures: 1 })
        .execute();
    } else {
      await trx
        .updateTable("login_failures")
        .set((eb) => ({ failures: eb("failures", "+", 1) }))
        .where("key", "=", key)
        .execute();
    }
  });
}

export interface LoginResult {
  sessionToken: string;
  expiresAt: string;
  user: UserView;
}

/**
 * Checks the password and opens a session. Failures count per account and per client address; once either
 * limit is reached, even a right password waits for the window to end, so guessing cannot go on.
 */
export async function login(
  db: Database,
  clock: Clock,
  input: { email: string; password: string; address: string; sessionHours: number },
): Promise<LoginResult> {
  const now = clock.now();
  const accountKey = `account:${input.email.toLowerCase()}`;
  const addressKey = `address:${input.address}`;
  const [account, address] = await Promise.all([
    failuresIn(db.read, accountKey, now),
    failuresIn(db.read, addressKey, now),
  ]);
  if (account.count >= loginLimits.perAccount || address.count >= loginLimits.perAddress) {
    throw new RateLimitedError(
      "too many failed logins; try again later",
      Math.max(account.retryAfter, address.retryAfter),
    );
  }
  const user = await findUserByEmail(db.read, input.email);
  const ok =
    user?.password_hash && user.disabled === 0
      ? await verifyPassword(input.password, user.password_hash)
      : false;
  if (!user?.password_hash) await burnPasswordCheck(input.password);
  if (!ok || !user) {
    await noteFailure(db, accountKey, now);
    await noteFailure(db, addressKey, now);
    throw new UnauthenticatedError("wrong email or password");
  }
  const sessionToken = newSecret("ods_");
  const expiresAt = toIso(addMs(now, input.sessionHours * 3_600_000));
  await db.write(async (trx) => {
    await trx.deleteFrom("login_failures").where("key", "=", accountKey).execute();
    await trx
      .insertInto("sessions")
      .values({
        token_hash: hashSecret(sessionToken),
        user_id: user.id,
        created_at: toIso(now),
        expires_at: expiresAt,
      })
      .execute();
  });
  return { sessionToken, expiresAt, user: presentUser(user) };
}

export async function logout(db: Database, sessionToken: string): Promise<void> {
  await db.write((trx) =>
    trx.deleteFrom("sessions").where("token_hash", "=", hashSecret(sessionToken)).execute(),
  );
}

/** The user behind a session cookie, or null when it is unknown, expired or the user is disabled. */
export async function actorFromSession(
  db: Database,
  clock: Clock,
  sessionToken: string,
): Promise<Actor | null> {
  const row = await db.read
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .select(["users.id", "users.name", "users.role", "users.disabled", "sessions.expires_at"])
    .where("sessions.token_hash", "=", hashSecret(sessionToken))
    .executeTakeFirst();
  if (!row || row.disabled === 1 || row.expires_at <= toIso(clock.now())) return null;
  return { type: "user", id: row.id, name: row.name, role: row.role as Role };
}

export async function currentUser(db: Database, actor: Actor): Promise<UserView> {
  if (actor.type !== "user") throw new UnauthenticatedError("not signed in as a user");
  const row = await findUserById(db.read, actor.id);
  if (!row) throw new UnauthenticatedError("the signed-in user no longer exists");
  return presentUser(row);
}
