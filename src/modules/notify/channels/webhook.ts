import { webhookHeaders } from "../signing.ts";
import type { ChannelDeps, OutgoingMessage } from "./channel.ts";
import { postJson } from "./http.ts";

/** The Standard Webhooks envelope: `type`, `timestamp`, `data`. */
export function webhookPayload(m: OutgoingMessage, at: Date): Record<string, unknown> {
  return {
    type: "opsdeck.notification",
    timestamp: at.toISOString(),
    data: { id: m.id, subject: m.subject, user: m.user, title: m.title, body: m.body, link: m.link },
  };
}

/** Signed with the method's own secret; `webhook-id` is the message id, the same on every retry. */
export function sendWebhook(m: OutgoingMessage, deps: ChannelDeps) {
  if (!m.secret)
    return Promise.resolve({ kind: "final" as const, error: "the webhook has no signing secret" });
  const at = deps.clock.now();
  const body = JSON.stringify(webhookPayload(m, at));
  return postJson(m.target, body, webhookHeaders(m.secret, m.id, at, body), deps);
}
