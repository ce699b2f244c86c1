import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { eventsSince } from "../../platform/events/index.ts";
import type { JobHandler } from "../../platform/jobs/index.ts";
import { testEngines } from "../../platform/testing/databases.ts";
import { deliverJobType } from "./delivery-jobs.ts";
import { listMessages, planNotifications } from "./index.ts";
import { type NotifyWorld, startNotifyWorld, until } from "./notify.fixture.ts";
import { deliveryPolicy, recoveryDelayMs } from "./notify.policy.ts";

/** Failing peers: retries, final failures, timeouts, the rate limit and the crash-in-send window. */
for (const engine of testEngines()) {
  describe(`notification delivery failures on ${engine.name}`, () => {
    let w: NotifyWorld;
    before(async () => {
      w = await startNotifyWorld(engine);
    });
    after(() => w.close());

    const plan = (user: string, dedupKey: string, subject: string) =>
      w.t.database.db.write((trx) =>
        planNotifications(trx, w.t.clock, { user, subject, title: "Down", body: "api is down", dedupKey }),
      );
    const messages = (subject: string) => listMessages(w.t.database.db.read, { subject });
    /** A webhook user whose peer answers by path. */
    const webhookUser = async (name: string) => {
      const user = await w.user(name);
      await w.addMethod(user.headers, { type: "webhook", url: w.http.url(`/${name}`) });
      return user;
    };

    it("retries a 5xx after the backoff and sends once", async () => {
      await webhookUser("flaky");
      let calls = 0;
      w.http.answer = (r) =>
        r.path === "/flaky" && calls++ === 0 ? { status: 503, body: "busy" } : { status: 200 };
      await plan("flaky", "incident:1:flaky", "incident:1");
      await w.drain();
      const [first] = await messages("incident:1");
      assert.deepEqual([first?.state, first?.attempts, first?.lastError], ["pending", 1, "HTTP 503: busy"]);
      w.t.clock.advance(deliveryPolicy.backoff.baseMs - 1);
      await w.drain();
      assert.equal(w.http.on("/flaky").length, 1);
      w.t.clock.advance(1);
      await w.drain();
      const [done] = await messages("incident:1");
      assert.deepEqual([done?.state, done?.attempts], ["sent", 2]);
      const ids = w.http.on("/flaky").map((r) => r.headers["webhook-id"]);
      assert.deepEqual(ids, [done?.id, done?.id]);
    });

    it("waits as long as a 429's Retry-After asks", async () => {
      await webhookUser("limited");
      let calls = 0;
      w.http.answer = (r) =>
        r.path === "/limited" && calls++ === 0
          ? { status: 429, headers: { "retry-after": "120" } }
          : { status: 200 };
      await plan("limited", "incident:2:limited", "incident:2");
      await w.drain();
      w.t.clock.advance(119_999);
      await w.drain();
      assert.equal((await messages("incident:2"))[0]?.state, "pending");
      w.t.clock.advance(1);
      await w.drain();
      assert.equal((await messages("incident:2"))[0]?.state, "sent");
    });

    it("fails a 400 for good and shows it on the subject's timeline and in the log", async () => {
      await webhookUser("broken");
      w.http.answer = (r) =>
        r.path === "/broken" ? { status: 400, body: "invalid_payload" } : { status: 200 };
      await plan("broken", "incident:3:broken", "incident:3");
      await w.drain();
      w.t.clock.advance(60 * 60_000);
      await w.drain();
      assert.equal(w.http.on("/broken").length, 1);
      const events = await eventsSince(w.t.database.db.read, "2000-01-01T00:00:00.000Z", ["incident:3"]);
      assert.deepEqual(
        events.map((e) => [e.type, e.payload.error]),
        [["notification.failed", "HTTP 400: invalid_payload"]],
      );
      const log = await w.t.app.inject({
        url: "/api/v1/notifications?state=failed&user=broken",
        headers: w.t.as("manager"),
      });
      assert.deepEqual(
        log.json().items.map((m: { subject: string; lastError: string }) => [m.subject, m.lastError]),
        [["incident:3", "HTTP 400: invalid_payload"]],
      );
    });

    it("gives up after the last attempt", async () => {
      await webhookUser("dead");
      w.http.answer = (r) => (r.path === "/dead" ? { status: 500 } : { status: 200 });
      await plan("dead", "incident:4:dead", "incident:4");
      for (let i = 0; i < deliveryPolicy.maxAttempts + 2; i++) {
        await w.drain();
        w.t.clock.advance(deliveryPolicy.backoff.maxMs);
      }
      const [m] = await messages("incident:4");
      assert.deepEqual([m?.state, m?.attempts], ["failed", deliveryPolicy.maxAttempts]);
      assert.match(m?.lastError ?? "", /HTTP 500 \(gave up after 6 attempts\)/);
      assert.equal(w.http.on("/dead").length, deliveryPolicy.maxAttempts);
    });

    it("times out a hanging peer without holding up another user's notification", async () => {
      await webhookUser("hangs");
      const quick = await w.user("quick");
      await w.addMethod(quick.headers, { type: "email", address: "quick@example.com" });
      w.http.answer = (r) => (r.path === "/hangs" ? "hang" : { status: 200 });
      await plan("hangs", "incident:5:hangs", "incident:5");
      await plan("quick", "incident:5:quick", "incident:5");
      const worker = w.worker();
      assert.equal((await worker.runDueJobsOnce()).claimed, 2);
      // The round is over while the hanging request is still open, and the e-mail is through meanwhile.
      await until("quick's mail", async () => {
        const sent = (await messages("incident:5")).find((m) => m.user === "quick")?.state === "sent";
        return sent && w.smtp.mails.some((m) => m.to.includes("quick@example.com"));
      });
      assert.equal(w.http.hanging.length, 1);
      await worker.afterCommitsSettled();
      const hung = (await messages("incident:5")).find((m) => m.user === "hangs");
      assert.equal(hung?.state, "pending");
      assert.match(hung?.lastError ?? "", /timed out: no answer within 400 ms/);
    });

    it("delays messages past the rate limit instead of dropping them", async () => {
      await webhookUser("busy");
      w.http.answer = () => ({ status: 200 });
      for (let i = 0; i < 12; i++) await plan("busy", `incident:6:busy:${i}`, "incident:6");
      await w.drain();
      assert.equal(w.http.on("/busy").length, deliveryPolicy.rateLimit.perWindow);
      const waiting = (await messages("incident:6")).filter((m) => m.state === "pending");
      const windowEnd = new Date(w.t.clock.now().getTime() + deliveryPolicy.rateLimit.windowMs).toISOString();
      assert.deepEqual(
        waiting.map((m) => m.dueAt),
        [windowEnd, windowEnd],
      );
      w.t.clock.advance(deliveryPolicy.rateLimit.windowMs - 1);
      await w.drain();
      assert.equal(w.http.on("/busy").length, 10);
      w.t.clock.advance(1);
      await w.drain();
      assert.equal(w.http.on("/busy").length, 12);
      assert.ok((await messages("incident:6")).every((m) => m.state === "sent"));
    });

    it("retries an attempt whose sender died after its commit (the crash-in-send window)", async () => {
      await webhookUser("crash");
      w.http.answer = () => ({ status: 200 });
      // The dying instance: its delivery step commits `sending`, then the process is gone before sending.
      const handlers = w.handlers();
      const lost: (() => Promise<void>)[] = [];
      const deliver = handlers[deliverJobType] as JobHandler;
      const dying = w.worker({
        ...handlers,
        [deliverJobType]: async (trx, payload, job) => {
          const result = await deliver(trx, payload, job);
          if (result?.afterCommit) lost.push(result.afterCommit);
        },
      });
      await plan("crash", "incident:7:crash", "incident:7");
      await w.drain(dying);
      assert.equal((await messages("incident:7"))[0]?.state, "sending");
      assert.equal(lost.length, 1);

      w.t.clock.advance(recoveryDelayMs() - 1);
      await w.drain();
      assert.equal((await messages("incident:7"))[0]?.state, "sending");
      w.t.clock.advance(1);
      await w.drain();
      const [m] = await messages("incident:7");
      assert.deepEqual([m?.state, m?.attempts], ["sent", 2]);
      assert.match(m?.lastError ?? "", /crash-in-send window/);
      assert.equal(w.http.on("/crash").length, 1);

      // The "dead" sender wakes up late: past its start deadline it sends nothing and changes nothing.
      await lost[0]?.();
      assert.equal(w.http.on("/crash").length, 1);
      assert.deepEqual(
        (await messages("incident:7")).map((x) => [x.state, x.attempts]),
        [["sent", 2]],
      );
    });
  });
}
