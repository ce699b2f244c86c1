import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Webhook, WebhookVerificationError } from "standardwebhooks";
import { newSigningSecret, signWebhook, webhookHeaders } from "./signing.ts";

describe("Standard Webhooks signing", () => {
  it("is accepted by the reference verifier, and a changed body or another secret is not", () => {
    const secret = newSigningSecret();
    assert.match(secret, /^whsec_[A-Za-z0-9+/]{43}=$/);
    const body = JSON.stringify({ type: "opsdeck.notification", data: { title: "Disk full ü" } });
    // The reference verifier checks the timestamp against the real time: sign with it.
    const headers = webhookHeaders(secret, "msg_2a", new Date(), body);
    assert.deepEqual(new Webhook(secret).verify(body, headers), JSON.parse(body));
    assert.throws(() => new Webhook(secret).verify(`${body} `, headers), WebhookVerificationError);
    assert.throws(() => new Webhook(newSigningSecret()).verify(body, headers), WebhookVerificationError);
  });

  it("matches the reference signer byte for byte", () => {
    const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    const at = new Date(1_614_265_330_000);
    const body = '{"test": 2432232314}';
    assert.equal(
      signWebhook(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1_614_265_330, body),
      new Webhook(secret).sign("msg_p5jXN8AQM9LWM0D4loKWxJek", at, body),
    );
    // The spec's own example.
    assert.equal(
      signWebhook(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1_614_265_330, body),
      "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
    );
  });
});
