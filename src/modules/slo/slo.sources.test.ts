import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testEngines } from "../../platform/testing/databases.ts";
import { startTestApp, type TestApp } from "../../platform/testing/test-app.ts";
import { pruneOldCounts } from "./evaluate.job.ts";
import { storeMinuteCounts } from "./events.repository.ts";
import { applyYaml, minutes, push, runEvaluation } from "./test-support.ts";

const slo = (name: string, spec: string) => `---
apiVersion: opsdeck.dev/v1
kind: SLO
metadata: { name: ${name} }
spec:
  service: payments
  objective: 0.999
  window: { rolling: 30d }
${spec}`;

for (const engine of testEngines()) {
  describe(`SLO sources on ${engine.name}`, () => {
    let t: TestApp;
    const status = async (name: string, at?: string) =>
      (
        await t.app.inject({
          url: `/api/v1/slos/${name}/status${at ? `?at=${at}` : ""}`,
          headers: t.as("viewer"),
        })
      ).json();
    before(async () => {
      t = await startTestApp(engine);
      t.clock.set("2026-11-02T09:00:00.000Z");
      await applyYaml(
        t,
        [
          slo(
            "pay-prom",
            "  indicator: { prometheus: { good: 'sum(rate(ok[1m]))', total: 'sum(rate(all[1m]))' } }",
          ),
          slo(
            "pay-maint",
            "  indicator: { events: {} }\n  exclusions: [{ from: '2026-11-02T08:00:00Z', to: '2026-11-02T08:10:00Z' }]",
          ),
          slo("pay-incidents", "  indicator: { incidents: { severities: [SEV1, SEV2] } }"),
          slo(
            "pay-slices",
            "  indicator: { events: {} }\n  budgetingMethod: Timeslices\n  timeslice: { target: 0.95, duration: 1m }",
          ),
        ].join("\n"),
      );
    });
    after(() => t.close());

    it("keeps one evaluation job per minute, which schedules the next", async () => {
      const jobs = () =>
        t.database.db.read
          .selectFrom("jobs")
          .select(["key", "status"])
          .where("type", "=", "slo.evaluate")
          .orderBy("key")
          .execute()
          .then((rows) => rows.map((r) => ({ ...r })));
      // Three SLOs applied in the same minute: one job, for the next minute.
      assert.deepEqual(await jobs(), [{ key: "slo.evaluate:2026-11-02T09:01:00.000Z", status: "pending" }]);
      t.clock.set("2026-11-02T09:01:00.000Z");
      assert.equal(await runEvaluation(t), 1);
      assert.equal(await runEvaluation(t), 0, "the next one is not due yet");
      assert.deepEqual(await jobs(), [
        { key: "slo.evaluate:2026-11-02T09:01:00.000Z", status: "done" },
        { key: "slo.evaluate:2026-11-02T09:02:00.000Z", status: "pending" },
      ]);
      t.clock.set("2026-11-02T09:00:00.000Z");
    });

    it("storeMinuteCounts rewrites a minute instead of adding to it", async () => {
      await t.database.db.write((trx) =>
        storeMinuteCounts(trx, "pay-prom", [
          { minute: "2026-11-02T08:58:00.000Z", good: 90, total: 100 },
          { minute: "2026-11-02T08:59:00.000Z", good: 100, total: 100 },
        ]),
      );
      await t.database.db.write((trx) =>
        storeMinuteCounts(trx, "pay-prom", [{ minute: "2026-11-02T08:58:00.000Z", good: 95, total: 100 }]),
      );
      const s = await status("pay-prom");
      assert.deepEqual(s.events, { good: 195, total: 200 });
      assert.equal(s.dataGap, false);
    });

    it("keeps an hour final once its minute block is pruned, so a late rewrite cannot count twice", async () => {
      const write = (good: number) =>
        t.database.db.write((trx) =>
          storeMinuteCounts(trx, "pay-prom", [{ minute: "2026-09-20T10:00:00.000Z", good, total: 100 }]),
        );
      await write(50);
      // Two days later the evaluation job prunes blocks older than 25 hours.
      await t.database.db.write((trx) => pruneOldCounts(trx, Date.parse("2026-09-22T12:00:00Z")));
      await write(100);
      const s = await status("pay-prom", "2026-09-20T11:00:00.000Z");
      assert.deepEqual(s.events, { good: 50, total: 100 });
    });

    it("shows a source that stopped as a data gap with null burn rates, and never pages on it", async () => {
      const s = await status("pay-prom", "2026-11-02T09:30:00.000Z");
      assert.equal(s.dataGap, true);
      assert.equal(s.burnRates["5m"], null);
      assert.equal(s.sli, 0.975, "the SLI still covers what arrived");
      assert.equal(s.prometheus, null, "the Prometheus source has not reported yet");
      t.clock.set("2026-11-02T09:30:00.000Z");
      await runEvaluation(t);
      const alerts = (
        await t.app.inject({ url: "/api/v1/slos/pay-prom/alerts", headers: t.as("viewer") })
      ).json();
      assert.deepEqual(alerts.items, []);
      t.clock.set("2026-11-02T09:00:00.000Z");
    });

    it("judges timeslices: a minute is good when its ratio reaches the slice target", async () => {
      const events = [10, 9, 10, 5].map((good, i) => ({
        start: new Date(Date.parse("2026-11-02T08:50:00Z") + i * 60_000).toISOString(),
        good,
        total: 10,
      }));
      assert.equal((await push(t, "pay-slices", events)).statusCode, 200);
      const s = await status("pay-slices");
      // 1.0 good, 0.9 bad, 1.0 good, 0.5 bad: 2 of 4 slices. Budget: 0.1% of 4 slices = 0.004, 2 consumed.
      assert.equal(s.sli, 0.5);
      assert.deepEqual([s.errorBudget.total, s.errorBudget.consumed], [0.004, 2]);
      assert.deepEqual(s.events, { good: 34, total: 40 });
    });

    it("leaves minutes of a maintenance window out of the SLI", async () => {
      // 08:00-08:19, 100 events a minute; the first ten minutes fail entirely but are excluded.
      const events = minutes("2026-11-02T08:00:00Z", 20, 100, 0).map((e, i) =>
        i < 10 ? { ...e, good: 0 } : e,
      );
      assert.equal((await push(t, "pay-maint", events)).statusCode, 200);
      const s = await status("pay-maint", "2026-11-02T08:20:00.000Z");
      assert.deepEqual([s.sli, s.events.total], [1, 1000]);
    });

    it("computes availability from the downtime of the service's SEV1/SEV2 incidents", async () => {
      t.clock.set("2026-11-02T08:00:00.000Z");
      const declared = await t.app.inject({
        method: "POST",
        url: "/api/v1/incidents",
        headers: t.as("responder"),
        payload: { title: "Payments down", severity: "SEV1", services: ["payments"] },
      });
      assert.equal(declared.statusCode, 201, declared.body);
      // A SEV3 of the same service does not count.
      await t.app.inject({
        method: "POST",
        url: "/api/v1/incidents",
        headers: t.as("responder"),
        payload: { title: "Slow receipts", severity: "SEV3", services: ["payments"] },
      });
      t.clock.set("2026-11-02T08:30:00.000Z");
      const resolved = await t.app.inject({
        method: "POST",
        url: `/api/v1/incidents/${declared.json().id}/resolve`,
        headers: t.as("responder"),
        payload: {},
      });
      assert.equal(resolved.statusCode, 200, resolved.body);
      t.clock.set("2026-11-02T09:00:00.000Z");
      const s = await status("pay-incidents");
      // 30 minutes down in 30 days (43,200 minutes): SLI 1 - 30/43200; 1h window: 30/60 = 0.5 / 0.001 = 500.
      assert.ok(Math.abs(s.sli - (1 - 30 / 43_200)) < 1e-12, String(s.sli));
      assert.ok(Math.abs(s.burnRates["1h"] - 500) < 1e-6);
      assert.equal(s.burnRates["5m"], 0);
      assert.equal(s.dataGap, false);
      // Budget: 0.1% of 43,200 minutes = 43.2 minutes, 30 consumed.
      assert.ok(Math.abs(s.errorBudget.total - 43.2) < 1e-9 && Math.abs(s.errorBudget.consumed - 30) < 1e-9);
    });
  });
}
