import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { loggerOptions, redactUrl } from "../logging.ts";
import { testEngines } from "../testing/databases.ts";
import { startTestApp, type TestApp } from "../testing/test-app.ts";

for (const engine of testEngines()) {
  describe(`probes, metrics, API description and logs (${engine.name})`, () => {
    let t: TestApp;
    const logLines: string[] = [];
    before(async () => {
      t = await startTestApp(engine, {}, loggerOptions("info", { write: (line) => logLines.push(line) }));
    });
    after(() => t.close());

    it("answers /healthz and /readyz", async () => {
      assert.equal((await t.app.inject({ url: "/healthz" })).json().status, "ok");
      assert.equal((await t.app.inject({ url: "/readyz" })).json().status, "ready");
    });

    it("exposes Prometheus metrics that count requests by route", async () => {
      await t.app.inject({ url: "/api/v1/teams", headers: t.as("viewer") });
      const res = await t.app.inject({ url: "/metrics" });
      assert.match(String(res.headers["content-type"]), /^text\/plain/);
      assert.match(
        res.body,
        /opsdeck_http_requests_total\{method="GET",route="\/api\/v1\/teams",status="200"\} 1/,
      );
      assert.match(res.body, /opsdeck_jobs\{state="pending"\} 0/);
    });

    it("publishes OpenAPI 3.1 with the routes, their schemas and a docs page", async () => {
      const doc = (await t.app.inject({ url: "/api/openapi.json" })).json();
      assert.equal(doc.openapi, "3.1.0");
      const teams = doc.paths["/api/v1/teams"];
      assert.ok(teams?.post?.requestBody, "POST /api/v1/teams has a request body schema");
      assert.ok(doc.paths["/api/v1/audit"]?.get);
      const page = await t.app.inject({ url: "/api/docs/" });
      assert.equal(page.statusCode, 200);
      assert.match(String(page.headers["content-type"]), /text\/html/);
    });

    it("echoes a valid incoming request id and makes one otherwise", async () => {
      const kept = await t.app.inject({ url: "/healthz", headers: { "x-request-id": "trace-12345678" } });
      assert.equal(kept.headers["x-request-id"], "trace-12345678");
      const made = await t.app.inject({ url: "/healthz", headers: { "x-request-id": "bad id!" } });
      assert.notEqual(made.headers["x-request-id"], "bad id!");
    });

    it("records the request id of a change in the audit log", async () => {
      const res = await t.app.inject({
        method: "POST",
        url: "/api/v1/teams",
        headers: { ...t.as("manager"), "x-request-id": "req-audit-0001" },
        payload: { name: "traced" },
      });
      assert.equal(res.statusCode, 201);
      const audit = await t.app.inject({
        url: "/api/v1/audit?entityType=team&entityId=traced",
        headers: t.as("manager"),
      });
      const [entry] = audit.json().items;
      assert.equal(entry.requestId, "req-audit-0001");
      assert.equal(entry.actor.label, "manager1");
      assert.equal(entry.action, "team.create");
    });

    it("offers no way to change or delete audit rows", () => {
      const writes = t.routeTable.filter((r) => r.url.includes("audit") && r.method !== "GET");
      assert.deepEqual(writes, []);
    });

    it("keeps secrets in URLs out of the request log", async () => {
      await t.app.inject({ url: "/setup?token=setup_secretlinktoken123" });
      const all = logLines.join("");
      assert.ok(all.includes("/setup?token=[redacted]"), "the request is still logged");
      assert.ok(!all.includes("setup_secretlinktoken123"));
      assert.equal(redactUrl("/api/v1/calendars/odc_abc.ics?x=1"), "/api/v1/calendars/[redacted]?x=1");
    });

    it("never logs passwords, tokens or cookies", async () => {
      const login = await t.app.inject({
        method: "POST",
        url: "/api/v1/auth/login",
        payload: { email: "admin1@example.com", password: "admin-password-123" },
      });
      const cookie = login.cookies[0];
      assert.ok(cookie);
      await t.app.inject({ url: "/api/v1/auth/me", cookies: { [cookie.name]: cookie.value } });
      const created = await t.app.inject({
        method: "POST",
        url: "/api/v1/tokens",
        headers: t.as("admin"),
        payload: { name: "x" },
      });
      const all = logLines.join("");
      assert.ok(logLines.length > 3, "the logger wrote request lines");
      for (const secret of ["admin-password-123", t.tokens.admin, cookie.value, created.json().token]) {
        assert.ok(!all.includes(secret), `a secret appeared in the log: ${secret.slice(0, 8)}…`);
      }
    });
  });
}
