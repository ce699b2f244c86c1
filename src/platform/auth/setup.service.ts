import { type Clock, toIso } from "../clock.ts";
import type { ActionContext } from "../context.ts";
import type { Database } from "../db/database.ts";
import { ConflictError, UnauthenticatedError } from "../errors.ts";
import { newSecret } from "../ids.ts";
import { hashSecret } from "./password.ts";
import { countAdmins } from "./users.repository.ts";
import type { CreateUserInput, UserView } from "./users.schema.ts";
import { createUser } from "./users.service.ts";

export async function needsSetup(db: Database): Promise<boolean> {
  return (await countAdmins(db.read)) === 0;
}

/**
 * When no admin exists, issues a fresh one-time setup token (older ones stop working) for the link printed
 * at start. Returns null when setup is already done.
 */
export async function issueSetupToken(db: Database, clock: Clock): Promise<string | null> {
  if (!(await needsSetup(db))) return null;
  const token = newSecret("setup_");
  await db.write(async (trx) => {
    await trx.deleteFrom("setup_tokens").execute();
    await trx
      .insertInto("setup_tokens")
      .values({ token_hash: hashSecret(token), created_at: toIso(clock.now()), used_at: null })
      .execute();
  });
  return token;
}

/** Creates the first admin with the one-time token; refused once any admin exists. */
export async function completeSetup(
  db: Database,
  clock: Clock,
  requestId: string | null,
  input: { token: string; user: Omit<CreateUserInput, "role"> },
): Promise<UserView> {
  const hash = hashSecret(input.token);
  if (!(await needsSetup(db))) throw new ConflictError("setup is already complete");
  // Claim the token first, so two people racing with the same link cannot both become admin.
  const claimed = await db.write((trx) =>
    trx
      .updateTable("setup_tokens")
      .set({ used_at: toIso(clock.now()) })
      .where("token_hash", "=", hash)
      .where("used_at", "is", null)
      .executeTakeFirst(),
  );
  if (Number(claimed.numUpdatedRows) !== 1) {
    throw new UnauthenticatedError("the setup link is not valid; restart opsdeck for a new one");
  }
  const ctx: ActionContext = { actor: { type: "system", label: "setup-link" }, requestId, clock };
  try {
    return await createUser(db, ctx, { ...input.user, role: "admin" });
  } catch (error) {
    await db.write((trx) =>
      trx.updateTable("setup_tokens").set({ used_at: null }).where("token_hash", "=", hash).execute(),
    );
    throw error;
  }
}
