import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { Webhook } from "standardwebhooks";
import { eventsSince } from "../../platform/events/index.ts";
import { testEngines } from "../../platform/testing/databases.ts";
import { listMessages, planNotifications } from "./index.ts";
import { type NotifyWorld, startNotifyWorld } from "./notify.fixture.ts";

/** Email, Slack and signed webhooks reach real local peers, with the right content. */
for (const engine of testEngines()) {
  describe(`notification delivery on ${engine.name}`, () => {
    let w: NotifyWorld;
    before(async () => {
      w = await startNotifyWorld(engine);
    });
    after(() => w.close());

    const plan = (user: string, dedupKey: string, subject = "incident:42") =>
      w.t.database.db.write((trx) =>
        planNotifications(trx, w.t.clock, {
          user,
          subject,
          title: "Disk full on db-1",
          body: "/var is at 98% <critical> & rising",
          link: "/incidents/42",
          dedupKey,
        }),
      );

    it("sends email, a Slack Block Kit message and a signed webhook, each once", async () => {
      // The reference verifier compares the signature's timestamp with the real time.
      w.t.clock.set(new Date().toISOString());
      const alice = await w.user("alice");
      await w.addMethod(alice.headers, { type: "email", address: "alice@example.com" });
      await w.addMethod(alice.headers, { type: "slack", url: w.http.url("/slack/T1/B2/secret") });
      const hook = await w.addMethod(alice.headers, { type: "webhook", url: w.http.url("/hook") });
      assert.match(hook.signingSecret ?? "", /^whsec_/);

      const ids = await plan("alice", "incident:42:page:alice");
      assert.equal(ids.length, 3);
      await w.drain();

      assert.equal(w.smtp.mails.length, 1);
      const mail = w.smtp.mails[0];
      assert.ok(mail);
      assert.deepEqual([mail.from, mail.to], ["opsdeck@example.com", ["alice@example.com"]]);
      assert.match(mail.raw, /^Subject: Disk full on db-1\r?$/m);
      assert.match(mail.raw, /\/var is at 98% <critical> & rising/);
      assert.match(mail.raw, /http:\/\/127\.0\.0\.1:8080\/incidents\/42/);
      assert.match(mail.raw, /^Message-ID: <[0-9a-f-]{36}@opsdeck>\r?$/m);

      const [slack] = w.http.on("/slack/T1/B2/secret");
      assert.ok(slack);
      const payload = JSON.parse(slack.body);
      assert.match(payload.text, /Disk full on db-1\n.*\nhttp:\/\/127\.0\.0\.1:8080\/incidents\/42/);
      assert.deepEqual(
        payload.blocks.map((b: { type: string }) => b.type),
        ["header", "section", "actions"],
      );
      assert.equal(payload.blocks[0].text.text, "Disk full on db-1");
      assert.equal(payload.blocks[1].text.text, "/var is at 98% &lt;critical&gt; &amp; rising");
      assert.deepEqual(
        payload.blocks[1].fields.map((f: { text: string }) => f.text),
        ["*Subject*\nincident:42", "*For*\nalice"],
      );
      assert.equal(payload.blocks[2].elements[0].url, "http://127.0.0.1:8080/incidents/42");

      const [signed] = w.http.on("/hook");
      assert.ok(signed && hook.signingSecret);
      const verified = new Webhook(hook.signingSecret).verify(
        signed.body,
        signed.headers as Record<string, string>,
      );
      assert.deepEqual(verified, {
        type: "opsdeck.notification",
        timestamp: w.t.clock.now().toISOString(),
        data: {
          id: signed.headers["webhook-id"],
          subject: "incident:42",
          user: "alice",
          title: "Disk full on db-1",
          body: "/var is at 98% <critical> & rising",
          link: "http://127.0.0.1:8080/incidents/42",
        },
      });
      assert.ok(ids.includes(String(signed.headers["webhook-id"])));

      const messages = await listMessages(w.t.database.db.read, { subject: "incident:42" });
      assert.deepEqual(messages.map((m) => [m.channel, m.state, m.attempts, m.lastError]).sort(), [
        ["email", "sent", 1, null],
        ["slack", "sent", 1, null],
        ["webhook", "sent", 1, null],
      ]);
      const events = await eventsSince(w.t.database.db.read, "2000-01-01T00:00:00.000Z", ["incident:42"]);
      assert.deepEqual(
        events.map((e) => e.type),
        ["notification.sent", "notification.sent", "notification.sent"],
      );
    });

    it("plans nothing twice for one dedup key", async () => {
      const bob = await w.user("bob");
      await w.addMethod(bob.headers, { type: "webhook", url: w.http.url("/bob") });
      const first = await plan("bob", "incident:43:page:bob", "incident:43");
      const again = await plan("bob", "incident:43:page:bob", "incident:43");
      assert.equal(first.length, 1);
      assert.deepEqual(again, first);
      await w.drain();
      assert.equal(w.http.on("/bob").length, 1);
      assert.equal((await listMessages(w.t.database.db.read, { subject: "incident:43" })).length, 1);
      assert.deepEqual(await plan("nobody", "incident:43:page:nobody"), []);
    });

    it("refuses loopback destinations unless OPSDECK_EGRESS_ALLOW allows them", async () => {
      const carol = await w.user("carol");
      await w.addMethod(carol.headers, { type: "webhook", url: w.http.url("/carol") });
      const [id] = await plan("carol", "incident:44:page:carol", "incident:44");
      await w.drain(w.worker(w.handlers({ OPSDECK_EGRESS_ALLOW: "" })));
      assert.equal(w.http.on("/carol").length, 0);
      const [message] = await listMessages(w.t.database.db.read, { subject: "incident:44" });
      assert.equal(message?.id, id);
      assert.equal(message?.state, "failed");
      assert.match(message?.lastError ?? "", /refused to connect to 127\.0\.0\.1: .*\(loopback\)/);
    });

    it("honours the contact method's delay", async () => {
      const dave = await w.user("dave");
      const hook = await w.addMethod(dave.headers, {
        type: "webhook",
        url: w.http.url("/dave"),
        immediateRule: false,
      });
      const res = await w.t.app.inject({
        method: "PUT",
        url: "/api/v1/me/notification-rules",
        headers: dave.headers,
        payload: { items: [{ contactMethod: hook.id, delayMinutes: 5 }] },
      });
      assert.equal(res.statusCode, 200, res.body);
      await plan("dave", "incident:45:page:dave", "incident:45");
      await w.drain();
      assert.equal(w.http.on("/dave").length, 0);
      w.t.clock.advance(5 * 60_000);
      await w.drain();
      assert.equal(w.http.on("/dave").length, 1);
    });

    it("fails e-mail to a rejected mailbox for good, and without an SMTP server says so", async () => {
      const erin = await w.user("erin");
      await w.addMethod(erin.headers, { type: "email", address: "bounce-erin@example.com" });
      await plan("erin", "incident:46:page:erin", "incident:46");
      await w.drain();
      const [bounced] = await listMessages(w.t.database.db.read, { subject: "incident:46" });
      assert.equal(bounced?.state, "failed");
      assert.match(bounced?.lastError ?? "", /550/);

      const frank = await w.user("frank");
      await w.addMethod(frank.headers, { type: "email", address: "frank@example.com" });
      await plan("frank", "incident:47:page:frank", "incident:47");
      await w.drain(w.worker(w.handlers({ OPSDECK_SMTP_URL: "" })));
      const [unsent] = await listMessages(w.t.database.db.read, { subject: "incident:47" });
      assert.equal(unsent?.state, "failed");
      assert.equal(unsent?.lastError, "no SMTP server configured (OPSDECK_SMTP_URL)");
    });

    it("fails a message whose contact method was removed before it was due", async () => {
      const gina = await w.user("gina");
      const hook = await w.addMethod(gina.headers, { type: "webhook", url: w.http.url("/gina") });
      await plan("gina", "incident:48:page:gina", "incident:48");
      const res = await w.t.app.inject({
        method: "DELETE",
        url: `/api/v1/me/contact-methods/${hook.id}`,
        headers: gina.headers,
      });
      assert.equal(res.statusCode, 204);
      await w.drain();
      const [message] = await listMessages(w.t.database.db.read, { subject: "incident:48" });
      assert.deepEqual([message?.state, message?.lastError], ["failed", "the contact method was removed"]);
      assert.equal(w.http.on("/gina").length, 0);
    });
  });
}
