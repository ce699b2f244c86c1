import nodemailer from "nodemailer";
import type { SendOutcome } from "../notify.policy.ts";
import type { Channel, ChannelDeps, OutgoingMessage } from "./channel.ts";

/** The plain-text mail: the body, the link, and a footer that says what it is. */
export function emailText(m: OutgoingMessage): string {
  return [m.body, m.link ?? "", `-- \nopsdeck notification ${m.id} for ${m.user} about ${m.subject}`]
    .filter(Boolean)
    .join("\n\n");
}

/**
 * A transport to the configured SMTP server (OPSDECK_SMTP_URL), shared by notifications and scheduled
 * reports. The SMTP host is the administrator's choice (like the database), not a user's, so it bypasses
 * the egress guard. Nothing is logged: the transport's debug output would include the AUTH exchange.
 */
export function smtpTransport(smtpUrl: string, timeoutMs: number) {
  return nodemailer.createTransport({
    url: smtpUrl,
    connectionTimeout: Math.min(10_000, timeoutMs),
    greetingTimeout: Math.min(10_000, timeoutMs),
    socketTimeout: timeoutMs,
    logger: false,
    debug: false,
  });
}

/**
 * E-mail through the configured SMTP server (see `smtpTransport`); recipients are addresses, not hosts. The
 * Message-ID is derived from the message id, so a repeat from the crash-in-send window carries the same
 * one and mail systems that collapse duplicates by Message-ID show it once.
 */
export function emailChannel(deps: ChannelDeps): Channel {
  const { smtpUrl, smtpFrom } = deps.config;
  if (!smtpUrl) return async () => ({ kind: "final", error: "no SMTP server configured (OPSDECK_SMTP_URL)" });
  const transport = smtpTransport(smtpUrl, deps.smtpTimeoutMs);
  return async (m) => {
    try {
      await transport.sendMail({
        from: smtpFrom,
        to: m.target,
        subject: m.title,
        text: emailText(m),
        messageId: `<${m.id}@opsdeck>`,
        headers: { "X-Opsdeck-Message-Id": m.id, "X-Opsdeck-Subject": m.subject },
        signal: AbortSignal.timeout(deps.smtpTimeoutMs),
      });
      return { kind: "sent" };
    } catch (error) {
      return classifySmtpError(error);
    }
  };
}

/**
 * A 5xx reply is permanent (no such mailbox, rejected): final. A 4xx reply is the server asking to come
 * back later, and connection trouble, timeouts and authentication failures (an admin can fix those while
 * retries run) are retried.
 */
export function classifySmtpError(error: unknown): SendOutcome {
  const e = error as { code?: string; responseCode?: number; message?: string };
  const text = `${e.code ? `${e.code}: ` : ""}${(e.message ?? String(error)).slice(0, 300)}`;
  if (e.code === "EAUTH" || e.code === "ENOAUTH") return { kind: "retry", error: text };
  if (typeof e.responseCode === "number" && e.responseCode >= 500) return { kind: "final", error: text };
  if (e.code === "EENVELOPE" && e.responseCode === undefined) return { kind: "final", error: text };
  return { kind: "retry", error: text };
}
