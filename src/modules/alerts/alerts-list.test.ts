import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testEngines } from "../../platform/testing/databases.ts";
import { startTestApp, type TestApp } from "../../platform/testing/test-app.ts";
import { alertmanagerBody, makeIntegration, post } from "./test-support.ts";

type Page = { items: { fingerprint: string }[]; total: number; totalIsLowerBound: boolean };

for (const engine of testEngines()) {
  describe(`alert list filters on ${engine.name}`, () => {
    let t: TestApp;
    const list = async (query: string) => {
      const res = await t.app.inject({ url: `/api/v1/alerts?${query}`, headers: t.as("viewer") });
      assert.equal(res.statusCode, 200, res.body);
      const page = res.json() as Page;
      return { total: page.total, fingerprints: page.items.map((a) => a.fingerprint).sort() };
    };

    before(async () => {
      t = await startTestApp(engine);
      const prom = await makeIntegration(t, "prom", {
        type: "alertmanager",
        service: "payments",
        groupBy: [],
      });
      const alerts: { fingerprint: string; labels: Record<string, string> }[] = [
        {
          fingerprint: "a1",
          labels: { alertname: "DiskFull", env: "prod", team: "payments", severity: "critical" },
        },
        { fingerprint: "a2", labels: { alertname: "DiskFull", env: "staging", team: "payments" } },
        { fingerprint: "a3", labels: { alertname: "HighLatency", env: "prod", team: "platform" } },
        { fingerprint: "a4", labels: { alertname: "HighLatency", team: "pay-gw", severity: "critical" } },
      ];
      const res = await post(t, prom.path, prom.key, alertmanagerBody("firing", alerts));
      assert.equal(res.statusCode, 200, res.body);
    });
    after(() => t.close());

    it("counts every alert that matches, whatever the page size", async () => {
      const page = await list("limit=1");
      assert.equal(page.total, 4);
      assert.equal(page.fingerprints.length, 1);
    });

    it("filters by severity in the database", async () => {
      assert.deepEqual((await list("severity=SEV1")).fingerprints, ["a1", "a4"]);
    });

    it("filters by Alertmanager label matchers, alone or as a set", async () => {
      assert.deepEqual((await list(`match=${encodeURIComponent('env="prod"')}`)).fingerprints, ["a1", "a3"]);
      const set = encodeURIComponent('{team=~"pay.*", env!="staging"}');
      assert.deepEqual(await list(`match=${set}`), { total: 2, fingerprints: ["a1", "a4"] });
      const two = `match=${encodeURIComponent('alertname="HighLatency"')}&match=${encodeURIComponent('env=~".+"')}`;
      assert.deepEqual((await list(two)).fingerprints, ["a3"]);
    });

    it("refuses a malformed matcher with 400 naming the parameter", async () => {
      const res = await t.app.inject({ url: "/api/v1/alerts?match=env%3D~%22(%22", headers: t.as("viewer") });
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /match/);
    });
  });
}
