import { createHmac, randomBytes } from "node:crypto";

/**
 * Standard Webhooks (standardwebhooks.com) signing: receivers verify with any of its libraries. The secret
 * is `whsec_` + base64 of 32 random bytes (the spec allows 24 to 64); the signature is HMAC-SHA256 over
 * `${id}.${timestamp}.${body}` with the decoded secret, sent as `v1,` + base64.
 */
export const secretPrefix = "whsec_";

export function newSigningSecret(): string {
  return `${secretPrefix}${randomBytes(32).toString("base64")}`;
}

export function signWebhook(secret: string, id: string, timestampSeconds: number, body: string): string {
  const key = Buffer.from(
    secret.startsWith(secretPrefix) ? secret.slice(secretPrefix.length) : secret,
    "base64",
  );
  const mac = createHmac("sha256", key).update(`${id}.${timestampSeconds}.${body}`).digest("base64");
  return `v1,${mac}`;
}

/**
 * The three headers of a signed delivery. `webhook-id` is the message id, the same on every retry, so a
 * receiver can drop a repeat (the spec's idempotency key); the timestamp is the attempt's.
 */
export function webhookHeaders(secret: string, id: string, at: Date, body: string): Record<string, string> {
  const timestamp = Math.floor(at.getTime() / 1000);
  return {
    "webhook-id": id,
    "webhook-timestamp": String(timestamp),
    "webhook-signature": signWebhook(secret, id, timestamp, body),
  };
}
