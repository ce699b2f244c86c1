import type { Clock } from "../../../platform/clock.ts";
import type { Config } from "../../../platform/config/config.ts";
import type { Resolver } from "../../../platform/http/egress.ts";
import type { SendOutcome } from "../notify.policy.ts";

/** Everything a channel needs to send one message; built after the commit, from rows read before it. */
export interface OutgoingMessage {
  id: string;
  subject: string;
  user: string;
  title: string;
  body: string;
  /** Absolute (resolved against the base URL), or null. */
  link: string | null;
  /** The contact method's address or URL. */
  target: string;
  /** The webhook signing secret. */
  secret: string | null;
}

export interface ChannelDeps {
  config: Config;
  clock: Clock;
  httpTimeoutMs: number;
  smtpTimeoutMs: number;
  /** Tests resolve names without DNS; production uses the system resolver. */
  resolve?: Resolver;
}

/** Sends one message; never throws: every failure is an outcome (retry or final) with a safe message. */
export type Channel = (message: OutgoingMessage) => Promise<SendOutcome>;
