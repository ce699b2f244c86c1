import type { Insertable, Kysely, Selectable } from "kysely";
import type { Tables } from "../../platform/db/tables.ts";
import type { ListMessagesQuery, MessageState, MessageView } from "./notify.schema.ts";
import type { NotificationMessageTable } from "./notify.tables.ts";

export type MessageRow = Selectable<NotificationMessageTable>;

export function presentMessage(r: MessageRow): MessageView {
  return {
    id: r.id,
    subject: r.subject,
    user: r.user_name,
    contactMethod: r.contact_method_id,
    channel: r.channel,
    title: r.title,
    body: r.body,
    link: r.link,
    state: r.state as MessageState,
    attempts: Number(r.attempts),
    lastError: r.last_error,
    dueAt: r.due_at,
    createdAt: r.created_at,
    sentAt: r.sent_at,
  };
}

/** Inserts unless the dedup key is taken (by a concurrent planner); returns whether it did. */
export async function insertMessage(
  db: Kysely<Tables>,
  values: Insertable<NotificationMessageTable>,
): Promise<boolean> {
  const row = await db
    .insertInto("notify_messages")
    .values(values)
    .onConflict((oc) => oc.column("dedup_key").doNothing())
    .returning("id")
    .executeTakeFirst();
  return row !== undefined;
}

export function findMessage(db: Kysely<Tables>, id: string): Promise<MessageRow | undefined> {
  return db.selectFrom("notify_messages").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function messageIdsOfPlan(db: Kysely<Tables>, planKey: string): Promise<string[]> {
  const rows = await db
    .selectFrom("notify_messages")
    .select("id")
    .where("plan_key", "=", planKey)
    .orderBy("id")
    .execute();
  return rows.map((r) => r.id);
}

/** Newest first. The notification log, and a subject's timeline entries. */
export async function listMessages(db: Kysely<Tables>, q: ListMessagesQuery = {}): Promise<MessageView[]> {
  let query = db.selectFrom("notify_messages").selectAll();
  if (q.subject) query = query.where("subject", "=", q.subject);
  if (q.user) query = query.where("user_name", "=", q.user);
  if (q.state) query = query.where("state", "=", q.state);
  if (q.before) query = query.where("id", "<", q.before);
  const rows = await query
    .orderBy("id", "desc")
    .limit(q.limit ?? 100)
    .execute();
  return rows.map(presentMessage);
}

/** Start times (ISO) of the attempts to one contact method after `since`: the rate-limit window. */
export async function attemptStartsSince(
  db: Kysely<Tables>,
  methodId: string,
  since: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom("notify_messages")
    .select("attempt_started_at")
    .where("contact_method_id", "=", methodId)
    .where("attempt_started_at", ">", since)
    .execute();
  return rows.flatMap((r) => (r.attempt_started_at ? [r.attempt_started_at] : []));
}

/** pending -> sending under a fresh token; false when the message is not pending (a repeated job). */
export async function startAttempt(
  db: Kysely<Tables>,
  a: { id: string; token: string; at: string },
): Promise<boolean> {
  const result = await db
    .updateTable("notify_messages")
    .set((eb) => ({
      state: "sending",
      attempts: eb("attempts", "+", 1),
      attempt_token: a.token,
      attempt_started_at: a.at,
      due_at: a.at,
      updated_at: a.at,
    }))
    .where("id", "=", a.id)
    .where("state", "=", "pending")
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export type Settlement =
  | { state: "sent"; at: string }
  | { state: "failed"; at: string; error: string }
  | { state: "pending"; at: string; error: string; dueAt: string; refundAttempt?: boolean };

/**
 * Ends the attempt named by `token`: only if the message is still `sending` under it, so the sender and the
 * recovery job can never both settle one attempt. Returns the settled row, or undefined when it lost.
 */
export async function settleAttempt(
  db: Kysely<Tables>,
  id: string,
  token: string,
  s: Settlement,
): Promise<MessageRow | undefined> {
  return db
    .updateTable("notify_messages")
    .set((eb) => ({
      state: s.state,
      updated_at: s.at,
      attempt_token: null,
      // A message sent on a later attempt keeps the error of the one before: the log shows why it was late.
      ...(s.state === "sent" ? { sent_at: s.at } : { last_error: s.error }),
      ...(s.state === "pending" ? { due_at: s.dueAt } : {}),
      ...(s.state === "pending" && s.refundAttempt ? { attempts: eb("attempts", "-", 1) } : {}),
    }))
    .where("id", "=", id)
    .where("attempt_token", "=", token)
    .where("state", "=", "sending")
    .returningAll()
    .executeTakeFirst();
}
