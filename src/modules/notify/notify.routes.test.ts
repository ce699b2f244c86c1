import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { listAudit } from "../../platform/audit/index.ts";
import { testEngines } from "../../platform/testing/databases.ts";
import { type NotifyWorld, startNotifyWorld } from "./notify.fixture.ts";

for (const engine of testEngines()) {
  describe(`notify API on ${engine.name}`, () => {
    let w: NotifyWorld;
    before(async () => {
      w = await startNotifyWorld(engine);
    });
    after(() => w.close());
    const call = (
      headers: { authorization: string },
      method: "GET" | "POST" | "PUT" | "DELETE",
      url: string,
      payload?: Record<string, unknown>,
    ) => w.t.app.inject(payload === undefined ? { method, url, headers } : { method, url, headers, payload });

    it("shows a webhook's signing secret once, and a Slack URL only masked, never in the audit log", async () => {
      const u = await w.user("hank");
      const hook = await call(u.headers, "POST", "/api/v1/me/contact-methods", {
        type: "webhook",
        url: w.http.url("/hank?token=abc"),
        label: "pager bridge",
      });
      assert.equal(hook.statusCode, 201, hook.body);
      const secret = hook.json().signingSecret as string;
      assert.match(secret, /^whsec_/);
      assert.equal(hook.json().target, `${w.http.url("/hank")}?…`);
      const slack = await call(u.headers, "POST", "/api/v1/me/contact-methods", {
        type: "slack",
        url: "https://hooks.slack.com/services/T0/B0/XXXXsecretWXYZ",
      });
      assert.deepEqual(
        [slack.json().target, slack.json().signingSecret],
        ["https://hooks.slack.com/…WXYZ", null],
      );
      const list = await call(u.headers, "GET", "/api/v1/me/contact-methods");
      assert.deepEqual(
        list
          .json()
          .items.map((m: { label: string; type: string }) => [m.type, m.label])
          .sort(),
        [
          ["slack", "slack hooks.slack.com"],
          ["webhook", "pager bridge"],
        ],
      );
      const everything = JSON.stringify([
        list.json(),
        await listAudit(w.t.database.db.read, { entityType: "contact_method", limit: 100 }),
      ]);
      for (const leak of [secret, secret.slice(6), "XXXXsecret", "token=abc"])
        assert.ok(!everything.includes(leak), leak);
    });

    it("refuses contact methods that are not http(s) URLs or addresses", async () => {
      const u = await w.user("ivan");
      for (const body of [
        { type: "slack", url: "javascript:alert(1)" },
        { type: "webhook", url: "file:///etc/passwd" },
        { type: "email", address: "not-an-address" },
        { type: "pager", url: "https://x.example" },
        { type: "email", address: "a@example.com", extra: 1 },
      ])
        assert.equal((await call(u.headers, "POST", "/api/v1/me/contact-methods", body)).statusCode, 400);
    });

    it("replaces the caller's rules, which name only the caller's own methods", async () => {
      const u = await w.user("jane");
      const other = await w.user("kurt");
      const mine = await w.addMethod(u.headers, { type: "email", address: "Jane@Example.com" });
      const theirs = await w.addMethod(other.headers, { type: "email", address: "kurt@example.com" });
      const rules = await call(u.headers, "GET", "/api/v1/me/notification-rules");
      assert.deepEqual(rules.json(), { items: [{ contactMethod: mine.id, delayMinutes: 0 }] });
      const bad = await call(u.headers, "PUT", "/api/v1/me/notification-rules", {
        items: [
          { contactMethod: mine.id, delayMinutes: 5 },
          { contactMethod: mine.id, delayMinutes: 5 },
          { contactMethod: theirs.id, delayMinutes: 0 },
        ],
      });
      assert.equal(bad.statusCode, 400);
      assert.deepEqual(
        bad.json().errors.map((e: { path: string }) => e.path),
        ["items.1", "items.2.contactMethod"],
      );
      const put = await call(u.headers, "PUT", "/api/v1/me/notification-rules", {
        items: [
          { contactMethod: mine.id, delayMinutes: 10 },
          { contactMethod: mine.id, delayMinutes: 0 },
        ],
      });
      assert.deepEqual(put.json().items, [
        { contactMethod: mine.id, delayMinutes: 0 },
        { contactMethod: mine.id, delayMinutes: 10 },
      ]);
      const audit = await listAudit(w.t.database.db.read, {
        entityType: "notification_rules",
        entityId: "jane",
        limit: 5,
      });
      assert.deepEqual(
        audit.map((a) => [a.action, a.actor.label]),
        [["notify.rules.update", "jane"]],
      );
      // Someone else's method is "not found"; one's own goes, with its rules.
      assert.equal(
        (await call(u.headers, "DELETE", `/api/v1/me/contact-methods/${theirs.id}`)).statusCode,
        404,
      );
      assert.equal(
        (await call(u.headers, "DELETE", `/api/v1/me/contact-methods/${mine.id}`)).statusCode,
        204,
      );
      assert.deepEqual((await call(u.headers, "GET", "/api/v1/me/notification-rules")).json(), { items: [] });
    });

    it("sends a test message through the normal delivery path", async () => {
      const u = await w.user("lena");
      const hook = await w.addMethod(u.headers, { type: "webhook", url: w.http.url("/lena") });
      const res = await call(u.headers, "POST", `/api/v1/me/contact-methods/${hook.id}/test`);
      assert.equal(res.statusCode, 202, res.body);
      assert.deepEqual([res.json().state, res.json().subject], ["pending", `contact-method:${hook.id}`]);
      await w.drain();
      const [received] = w.http.on("/lena");
      assert.equal(JSON.parse(received?.body ?? "{}").data.title, "opsdeck test notification");
      const other = await w.user("mona");
      assert.equal(
        (await call(other.headers, "POST", `/api/v1/me/contact-methods/${hook.id}/test`)).statusCode,
        404,
      );
    });

    it("lets managers read the notification log, filtered", async () => {
      const res = await call(w.t.as("manager"), "GET", "/api/v1/notifications?user=lena&state=sent");
      assert.equal(res.statusCode, 200);
      assert.deepEqual(
        res
          .json()
          .items.map((m: { user: string; channel: string; attempts: number }) => [
            m.user,
            m.channel,
            m.attempts,
          ]),
        [["lena", "webhook", 1]],
      );
      assert.equal((await call(w.t.as("responder"), "GET", "/api/v1/notifications")).statusCode, 403);
      assert.equal(
        (await call(w.t.as("manager"), "GET", "/api/v1/notifications?state=lost")).statusCode,
        400,
      );
    });
  });
}
