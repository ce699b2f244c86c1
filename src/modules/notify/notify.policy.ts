import { type BackoffPolicy, retryDelayMs } from "../../platform/jobs/index.ts";

/** Delivery rules in one place; pure values and functions, no I/O. docs/notify.md explains each. */
export const deliveryPolicy = {
  /** Send attempts per message, the first included. With the backoff below: about 8 minutes of retries. */
  maxAttempts: 6,
  backoff: { baseMs: 15_000, maxMs: 5 * 60_000 } satisfies BackoffPolicy,
  /** A peer's Retry-After is honoured up to this. */
  maxRetryAfterMs: 10 * 60_000,
  /** At most this many attempts start per contact method in any window; the rest wait (never dropped). */
  rateLimit: { perWindow: 10, windowMs: 60_000 },
  /** Webhook and Slack calls: connect, send and answer. */
  httpTimeoutMs: 10_000,
  /** The whole SMTP exchange. */
  smtpTimeoutMs: 30_000,
  /** After a message is marked `sending`, its send must start within this, or it is handed back. */
  startWindowMs: 30_000,
  /** Slack for a process stalled past the timeouts (GC pause, suspended VM) before recovery steps in. */
  graceMs: 15_000,
};

/**
 * When a `sending` message whose outcome was never recorded is taken to be lost with its process (the
 * crash-in-send window): after the start window, the longest send, and the grace.
 */
export function recoveryDelayMs(policy = deliveryPolicy): number {
  return policy.startWindowMs + Math.max(policy.httpTimeoutMs, policy.smtpTimeoutMs) + policy.graceMs;
}

/** What one attempt came to. `retry` may carry the peer's own wish (Retry-After). */
export type SendOutcome =
  | { kind: "sent" }
  | { kind: "retry"; error: string; retryAfterMs?: number }
  | { kind: "final"; error: string };

/** A short, safe excerpt of a peer's answer for `last_error`. */
function excerpt(body: string): string {
  const text = body.replace(/\s+/g, " ").trim();
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

/** Retry-After is seconds or an HTTP date; `now` comes from the injected clock. */
export function parseRetryAfter(value: string | undefined, now: Date): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}

/**
 * 2xx is delivered; 429 and 5xx are worth another try (the peer is busy or broken for now); any other
 * status, redirects included (they are not followed), is final: the URL or the payload is wrong and
 * repeating the request will not change that.
 */
export function classifyHttpAnswer(
  answer: { status: number; body: string; retryAfter: string | undefined },
  now: Date,
): SendOutcome {
  const { status } = answer;
  if (status >= 200 && status < 300) return { kind: "sent" };
  const error = `HTTP ${status}${answer.body ? `: ${excerpt(answer.body)}` : ""}`;
  if (status === 429 || status >= 500) {
    const retryAfterMs = parseRetryAfter(answer.retryAfter, now);
    return retryAfterMs === undefined ? { kind: "retry", error } : { kind: "retry", error, retryAfterMs };
  }
  return { kind: "final", error };
}

/** When attempt number `attempts` failed with a retryable outcome, the next one is due this much later. */
export function retryDelayFor(attempts: number, outcome: { retryAfterMs?: number }, policy = deliveryPolicy) {
  const backoff = retryDelayMs(attempts, policy.backoff);
  return Math.max(backoff, Math.min(outcome.retryAfterMs ?? 0, policy.maxRetryAfterMs));
}

/**
 * The sliding-window rate limit: given the start times (ms) of the attempts within the window before
 * `now`, returns null when another may start now, or the earliest instant (ms) one may.
 */
export function rateLimitedUntil(starts: number[], now: number, policy = deliveryPolicy): number | null {
  const { perWindow, windowMs } = policy.rateLimit;
  const recent = starts.filter((s) => s > now - windowMs).sort((a, b) => a - b);
  if (recent.length < perWindow) return null;
  // Once this start leaves the window, fewer than perWindow remain in it.
  return (recent[recent.length - perWindow] ?? now) + windowMs;
}

/**
 * How a contact method's target is shown. A Slack incoming-webhook URL is a credential, so only its host
 * and last four characters are; a webhook URL loses its query and user info, where tokens tend to hide.
 */
export function displayTarget(type: string, target: string): string {
  if (type === "email") return target;
  try {
    const url = new URL(target);
    if (type === "slack") return `${url.origin}/…${url.pathname.slice(-4)}`;
    return `${url.origin}${url.pathname}${url.search ? "?…" : ""}`;
  } catch {
    return "(invalid URL)";
  }
}
