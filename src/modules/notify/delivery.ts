import type { Kysely } from "kysely";
import { addMs, toIso } from "../../platform/clock.ts";
import type { Tables } from "../../platform/db/tables.ts";
import type { Resolver } from "../../platform/http/egress.ts";
import { newId } from "../../platform/ids.ts";
import type { JobHandler, JobResult } from "../../platform/jobs/index.ts";
import type { AppDeps } from "../../platform/modules.ts";
import { findContactMethod } from "./contact-methods.repository.ts";
import { deliverJobType, enqueueDelivery, enqueueRecovery, recoverJobType } from "./delivery-jobs.ts";
import { attemptStartsSince, findMessage, startAttempt } from "./messages.repository.ts";
import { deliveryPolicy, rateLimitedUntil, recoveryDelayMs } from "./notify.policy.ts";
import { createSender } from "./sender.ts";
import { failUnattempted, settleOutcome } from "./settle.ts";

/** Knobs tests turn: short timeouts for hanging peers, a resolver without DNS. */
export interface DeliveryOptions {
  httpTimeoutMs?: number;
  smtpTimeoutMs?: number;
  resolve?: Resolver;
  concurrency?: number;
}

/** A link given as a path is made absolute with the base URL; anything but http(s) is dropped. */
function absoluteLink(link: string | null, baseUrl: string): string | null {
  if (!link) return null;
  try {
    const url = new URL(link, `${baseUrl}/`);
    return url.protocol === "http:" || url.protocol === "https:" ? url.toString() : null;
  } catch {
    return null;
  }
}

/** Moves a pending message's next attempt (rate limit); the caller enqueues the job for then. */
async function deferMessage(trx: Kysely<Tables>, id: string, until: string, at: string): Promise<void> {
  await trx
    .updateTable("notify_messages")
    .set({ due_at: until, updated_at: at })
    .where("id", "=", id)
    .where("state", "=", "pending")
    .execute();
}

/**
 * The two-step delivery (docs/notify.md). `notify.deliver` runs in the job's transaction: it checks the
 * rate limit, marks the message `sending` under a new attempt token, and enqueues `notify.recover` for
 * when the attempt must long be over; the send itself runs after the commit, outside any transaction,
 * and records its outcome in a write of its own. `notify.recover` finds attempts whose sender died before
 * recording anything and retries them.
 */
export function notifyJobHandlers(deps: AppDeps, options: DeliveryOptions = {}): Record<string, JobHandler> {
  const { db, clock, config } = deps;
  const policy = {
    ...deliveryPolicy,
    httpTimeoutMs: options.httpTimeoutMs ?? deliveryPolicy.httpTimeoutMs,
    smtpTimeoutMs: options.smtpTimeoutMs ?? deliveryPolicy.smtpTimeoutMs,
  };
  const send = createSender(
    { db, clock, config },
    {
      httpTimeoutMs: policy.httpTimeoutMs,
      smtpTimeoutMs: policy.smtpTimeoutMs,
      ...(options.resolve ? { resolve: options.resolve } : {}),
    },
    options.concurrency,
  );

  const deliver: JobHandler = async (trx, payload, job): Promise<JobResult | undefined> => {
    const { messageId } = payload as { messageId: string };
    const message = await findMessage(trx, messageId);
    // Already attempted, settled, or deferred by an earlier run of this step: nothing to do.
    if (message?.state !== "pending") return;
    const method = await findContactMethod(trx, message.contact_method_id);
    if (!method) return void (await failUnattempted(trx, clock, messageId, "the contact method was removed"));
    const now = clock.now();
    const at = toIso(now);
    // Taken first: on PostgreSQL concurrent deliveries to this method wait here, so each counts the others.
    await trx
      .updateTable("notify_contact_methods")
      .set({ last_delivery_at: at })
      .where("id", "=", method.id)
      .execute();
    const since = toIso(addMs(now, -policy.rateLimit.windowMs));
    const starts = (await attemptStartsSince(trx, method.id, since)).map((s) => Date.parse(s));
    const until = rateLimitedUntil(starts, now.getTime(), policy);
    if (until !== null) {
      await deferMessage(trx, messageId, toIso(new Date(until)), at);
      await enqueueDelivery(trx, clock, messageId, new Date(until), `deferred:${job.id}`);
      return;
    }
    const token = newId(now);
    if (!(await startAttempt(trx, { id: messageId, token, at }))) return;
    await enqueueRecovery(trx, clock, messageId, token, addMs(now, recoveryDelayMs(policy)));
    const attempt = {
      token,
      channel: method.type,
      startDeadline: now.getTime() + policy.startWindowMs,
      message: {
        id: message.id,
        subject: message.subject,
        user: message.user_name,
        title: message.title,
        body: message.body,
        link: absoluteLink(message.link, config.baseUrl),
        target: method.target,
        secret: method.secret,
      },
    };
    return { afterCommit: () => send(attempt) };
  };

  const recover: JobHandler = async (trx, payload) => {
    const ref = payload as { messageId: string; token: string };
    await settleOutcome(
      trx,
      clock,
      { id: ref.messageId, token: ref.token },
      {
        kind: "lost",
        error:
          "the instance sending this attempt stopped before recording its outcome; it may have been delivered (crash-in-send window)",
      },
      policy,
    );
  };

  return { [deliverJobType]: deliver, [recoverJobType]: recover };
}
