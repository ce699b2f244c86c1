import type { Kysely } from "kysely";
import type { Clock } from "../../platform/clock.ts";
import type { Tables } from "../../platform/db/tables.ts";
import { enqueueJob } from "../../platform/jobs/index.ts";

/** Claims a pending message, checks the rate limit, marks it `sending`, and hands the send to afterCommit. */
export const deliverJobType = "notify.deliver";
/** Due when a `sending` attempt should long have been settled: its sender died (the crash-in-send window). */
export const recoverJobType = "notify.recover";

/**
 * Enqueues the next delivery step of a message. `step` names what caused it (the plan, an attempt token,
 * a deferring job) so that the job key is unique per step and a re-run of its cause adds nothing.
 */
export async function enqueueDelivery(
  trx: Kysely<Tables>,
  clock: Clock,
  messageId: string,
  dueAt: Date,
  step: string,
): Promise<void> {
  await enqueueJob(trx, clock, {
    type: deliverJobType,
    payload: { messageId },
    dueAt,
    key: `${deliverJobType}:${messageId}:${step}`,
  });
}

export async function enqueueRecovery(
  trx: Kysely<Tables>,
  clock: Clock,
  messageId: string,
  token: string,
  dueAt: Date,
): Promise<void> {
  await enqueueJob(trx, clock, {
    type: recoverJobType,
    payload: { messageId, token },
    dueAt,
    key: `${recoverJobType}:${token}`,
  });
}
