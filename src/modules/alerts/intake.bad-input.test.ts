import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import fc from "fast-check";
import { testEngines } from "../../platform/testing/databases.ts";
import { startTestApp, type TestApp } from "../../platform/testing/test-app.ts";
import { alertmanagerBody, makeIntegration } from "./test-support.ts";

for (const engine of testEngines()) {
  describe(`bad input on the intake routes (${engine.name})`, () => {
    let t: TestApp;
    const intake: Record<string, { key: string; url: string }> = {};
    const send = (url: string, key: string, payload: string | Buffer, contentType = "application/json") =>
      t.app.inject({
        method: "POST",
        url,
        payload,
        headers: { authorization: `Bearer ${key}`, "content-type": contentType },
      });
    const stored = async () =>
      (await t.app.inject({ url: "/api/v1/alerts?limit=1000", headers: t.as("viewer") })).json().items.length;
    before(async () => {
      t = await startTestApp(engine);
      for (const type of ["alertmanager", "grafana", "pagerduty", "webhook"]) {
        const i = await makeIntegration(t, type, { type, service: "svc" });
        intake[type] = { key: i.key, url: i.path };
      }
    });
    after(() => t.close());

    it("random bodies never get a 5xx, and Alertmanager routes never a 429", async () => {
      const am = intake.alertmanager as { key: string; url: string };
      const routes = [
        ...Object.values(intake),
        { key: am.key, url: "/api/v2/alerts" },
        { key: intake.pagerduty?.key ?? "", url: "/v2/enqueue" },
      ];
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...routes),
          fc.oneof(
            fc.jsonValue().map((v) => JSON.stringify(v)),
            fc.string(),
            fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)),
          ),
          async (route, body) => {
            const res = await send(route.url, route.key, body);
            assert.ok(res.statusCode < 500, `${route.url} answered ${res.statusCode}: ${res.body}`);
            assert.notEqual(res.statusCode, 429);
          },
        ),
        { numRuns: 200 },
      );
    });

    it("answers 400 for invalid UTF-8 and stores nothing", async () => {
      const before = await stored();
      const valid = JSON.stringify(
        alertmanagerBody("firing", [{ fingerprint: "u1", labels: { alertname: "Bad\u00e9" } }]),
      );
      const bytes = Buffer.from(valid, "utf8");
      const broken = Buffer.concat([
        bytes.subarray(0, bytes.indexOf(0xc3)),
        Buffer.from([0xc3, 0x28]),
        bytes.subarray(bytes.indexOf(0xc3) + 2),
      ]);
      const res = await send(intake.alertmanager?.url ?? "", intake.alertmanager?.key ?? "", broken);
      assert.equal(res.statusCode, 400);
      assert.match(res.json().detail, /UTF-8/);
      assert.equal(await stored(), before);
    });

    it("answers 400 for a NUL character, which PostgreSQL cannot store, and stores nothing", async () => {
      const before = await stored();
      const webhook = intake.webhook as { key: string; url: string };
      const res = await send(webhook.url, webhook.key, JSON.stringify({ title: "Down\u0000" }));
      assert.equal(res.statusCode, 400, res.body);
      assert.match(res.json().detail, /body\.title.*NUL/);
      assert.equal(await stored(), before);
    });

    it("answers 400 for a huge label set and 413 above 1 MiB, storing nothing half-way", async () => {
      const before = await stored();
      const many = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`label_${i}`, "v"]));
      const body = alertmanagerBody("firing", [
        { fingerprint: "ok1", labels: { alertname: "Fine" } },
        { fingerprint: "big", labels: { alertname: "Huge", ...many } },
      ]);
      const res = await send(
        intake.alertmanager?.url ?? "",
        intake.alertmanager?.key ?? "",
        JSON.stringify(body),
      );
      assert.equal(res.statusCode, 400);
      assert.match(res.json().detail, /at most 100 labels/);
      const tooBig = alertmanagerBody("firing", [
        { fingerprint: "x", labels: { alertname: "Big", blob: "x".repeat(1024 * 1024) } },
      ]);
      const large = await send(
        intake.alertmanager?.url ?? "",
        intake.alertmanager?.key ?? "",
        JSON.stringify(tooBig),
      );
      assert.equal(large.statusCode, 413);
      assert.equal(await stored(), before, "the valid alert of the refused request was not stored either");
    });

    it("names the problem: unknown version, missing fields, wrong types", async () => {
      const am = intake.alertmanager as { key: string; url: string };
      const version = await send(
        am.url,
        am.key,
        JSON.stringify({ ...alertmanagerBody("firing", []), version: "3" }),
      );
      assert.equal(version.statusCode, 400);
      assert.match(version.json().detail, /version "4"/);
      const missing = await send(
        intake.pagerduty?.url ?? "",
        intake.pagerduty?.key ?? "",
        JSON.stringify({ routing_key: "k", event_action: "trigger" }),
      );
      assert.equal(missing.statusCode, 400);
      assert.match(missing.json().detail, /payload/);
      const wrong = await send(
        intake.webhook?.url ?? "",
        intake.webhook?.key ?? "",
        JSON.stringify({ title: 42 }),
      );
      assert.equal(wrong.statusCode, 400);
      assert.ok(wrong.json().errors.some((e: { path: string }) => e.path === "body.title"));
      const notJson = await send(am.url, am.key, "{not json", "text/plain");
      assert.equal(notJson.statusCode, 400);
    });
  });
}
