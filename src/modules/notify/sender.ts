import { type Clock, toIso } from "../../platform/clock.ts";
import type { Config } from "../../platform/config/config.ts";
import type { Database } from "../../platform/db/database.ts";
import { describeError } from "../../platform/jobs/jobs.ts";
import type { Channel, ChannelDeps, OutgoingMessage } from "./channels/channel.ts";
import { emailChannel } from "./channels/email.ts";
import { sendSlack } from "./channels/slack.ts";
import { sendWebhook } from "./channels/webhook.ts";
import type { SendOutcome } from "./notify.policy.ts";
import { settleOutcome } from "./settle.ts";

/** One attempt, as the delivery job prepared it inside its transaction. */
export interface PreparedAttempt {
  token: string;
  channel: string;
  message: OutgoingMessage;
  /** Epoch ms: a send not started by then is handed back unsent, before recovery could start another. */
  startDeadline: number;
}

/** Caps concurrent sends: a burst of notifications must not open thousands of sockets at once. */
class Limiter {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly max: number;
  constructor(max: number) {
    this.max = max;
  }
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active >= this.max) await new Promise<void>((r) => this.waiting.push(r));
    this.active++;
    try {
      return await work();
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }
}

export interface SenderDeps {
  db: Database;
  clock: Clock;
  config: Config;
}

/**
 * Builds the after-commit half of a delivery: send outside any transaction, then record the outcome in a
 * write of its own. Between the peer accepting the message and that write committing lies the
 * crash-in-send window (docs/notify.md): a process dying there leaves the message `sending`, and the
 * recovery job retries it, so the peer may get it twice.
 */
export function createSender(
  deps: SenderDeps,
  channelDeps: Omit<ChannelDeps, "config" | "clock">,
  concurrency = 16,
): (attempt: PreparedAttempt) => Promise<void> {
  const full: ChannelDeps = { ...channelDeps, config: deps.config, clock: deps.clock };
  const channels: Record<string, Channel> = {
    email: emailChannel(full),
    slack: (m) => sendSlack(m, full),
    webhook: (m) => sendWebhook(m, full),
  };
  const limiter = new Limiter(concurrency);
  return (attempt) =>
    limiter.run(async () => {
      const ref = { id: attempt.message.id, token: attempt.token };
      const now = deps.clock.now();
      if (now.getTime() > attempt.startDeadline) {
        const error = `not started before ${toIso(new Date(attempt.startDeadline))}: the instance was overloaded`;
        await deps.db.write((trx) => settleOutcome(trx, deps.clock, ref, { kind: "not-started", error }));
        return;
      }
      const channel = channels[attempt.channel];
      let outcome: SendOutcome;
      try {
        outcome = channel
          ? await channel(attempt.message)
          : { kind: "final", error: `unknown channel ${attempt.channel}` };
      } catch (error) {
        // Channels classify their own failures; this is a bug's safety net, retried like a network error.
        outcome = { kind: "retry", error: describeError(error) };
      }
      await deps.db.write((trx) => settleOutcome(trx, deps.clock, ref, outcome));
    });
}
