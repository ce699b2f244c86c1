import type { Kysely } from "kysely";
import { addMs, type Clock, toIso } from "../../platform/clock.ts";
import type { Tables } from "../../platform/db/tables.ts";
import { publishEvent } from "../../platform/events/index.ts";
import { enqueueDelivery } from "./delivery-jobs.ts";
import { findMessage, type MessageRow, type Settlement, settleAttempt } from "./messages.repository.ts";
import { deliveryPolicy, retryDelayFor, type SendOutcome } from "./notify.policy.ts";

/**
 * An attempt's outcome, plus two the sender's peer never saw: `not-started` (the sender was too late to
 * start, so nothing was sent) and `lost` (its sender died; it may or may not have been sent). Both are
 * retried at once: the attempt already waited its whole start window or recovery delay.
 */
export type AttemptOutcome =
  | SendOutcome
  | { kind: "not-started"; error: string }
  | { kind: "lost"; error: string };

/**
 * Records the outcome of the attempt `token` in the caller's transaction: sent, failed for good, or
 * pending again with a delivery job after the backoff. Does nothing when that attempt was already settled
 * (by the sender or by the recovery job: whichever commits first wins). Publishes `notification.sent` or
 * `notification.failed` about the message's subject, so timelines show the outcome.
 */
export async function settleOutcome(
  trx: Kysely<Tables>,
  clock: Clock,
  ref: { id: string; token: string },
  outcome: AttemptOutcome,
  policy = deliveryPolicy,
): Promise<void> {
  const message = await findMessage(trx, ref.id);
  if (message?.state !== "sending" || message.attempt_token !== ref.token) return;
  const now = clock.now();
  const at = toIso(now);
  const attempts = Number(message.attempts);
  let settlement: Settlement;
  if (outcome.kind === "sent") settlement = { state: "sent", at };
  else if (outcome.kind === "not-started")
    settlement = { state: "pending", at, error: outcome.error, dueAt: at, refundAttempt: true };
  else if (outcome.kind === "final") settlement = { state: "failed", at, error: outcome.error };
  else if (attempts >= policy.maxAttempts)
    settlement = { state: "failed", at, error: `${outcome.error} (gave up after ${attempts} attempts)` };
  else if (outcome.kind === "lost") settlement = { state: "pending", at, error: outcome.error, dueAt: at };
  else {
    const dueAt = toIso(addMs(now, retryDelayFor(attempts, outcome, policy)));
    settlement = { state: "pending", at, error: outcome.error, dueAt };
  }
  const settled = await settleAttempt(trx, ref.id, ref.token, settlement);
  if (!settled) return;
  if (settlement.state === "pending")
    await enqueueDelivery(trx, clock, ref.id, new Date(settlement.dueAt), `after:${ref.token}`);
  else await publishOutcome(trx, clock, settled);
}

/** Fails a pending message that cannot be attempted at all (its contact method is gone). */
export async function failUnattempted(trx: Kysely<Tables>, clock: Clock, id: string, error: string) {
  const at = toIso(clock.now());
  const row = await trx
    .updateTable("notify_messages")
    .set({ state: "failed", last_error: error, updated_at: at })
    .where("id", "=", id)
    .where("state", "=", "pending")
    .returningAll()
    .executeTakeFirst();
  if (row) await publishOutcome(trx, clock, row);
}

async function publishOutcome(trx: Kysely<Tables>, clock: Clock, m: MessageRow): Promise<void> {
  await publishEvent(trx, clock, {
    type: m.state === "sent" ? "notification.sent" : "notification.failed",
    subject: m.subject,
    payload: {
      messageId: m.id,
      user: m.user_name,
      channel: m.channel,
      contactMethod: m.contact_method_id,
      attempts: Number(m.attempts),
      ...(m.state === "failed" ? { error: m.last_error } : {}),
    },
  });
}
