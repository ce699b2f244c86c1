import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { loadConfig } from "../../../platform/config/config.ts";
import { Worker } from "../../../platform/jobs/index.ts";
import { testEngines } from "../../../platform/testing/databases.ts";
import { startTestApp, type TestApp } from "../../../platform/testing/test-app.ts";
import { importFocusFiles } from "../import.service.ts";
import { costAnalyticsJobHandlers, evaluateNow } from "./analytics.jobs.ts";
import { addDays, dayRange, weekday } from "./days.ts";

const header =
  "BillingAccountId,BillingCurrency,BillingPeriodStart,BillingPeriodEnd,ChargePeriodStart,ChargePeriodEnd," +
  "ChargeCategory,ProviderName,ServiceName,SubAccountId,RegionId,ResourceId,ResourceName," +
  "BilledCost,EffectiveCost,ListCost,ContractedCost";

/**
 * A FOCUS export from 2026-09-01 to 2026-11-14 for Amazon EC2: instance web-a costs 60.00 on weekdays and
 * 20.00 on weekends, web-b 40.00 and 20.00; on Thursday 2026-11-12 a new instance batch-x adds 600.00.
 */
function focusCsv(): string {
  const lines = [header];
  const month = (day: string) => day.slice(0, 7);
  const periodEnd = (day: string) =>
    month(day) === "2026-09" ? "2026-10-01" : month(day) === "2026-10" ? "2026-11-01" : "2026-12-01";
  const line = (day: string, id: string, amount: string) =>
    `acct-1,USD,${month(day)}-01T00:00:00Z,${periodEnd(day)}T00:00:00Z,${day}T00:00:00Z,${addDays(day, 1)}T00:00:00Z,` +
    `Usage,AWS,Amazon EC2,111,eu-west-1,${id},${id.replace("i-", "")},${amount},${amount},${amount},${amount}`;
  for (const day of dayRange("2026-09-01", "2026-11-14")) {
    const weekend = weekday(day) >= 6;
    lines.push(
      line(day, "i-web-a", weekend ? "20.00" : "60.00"),
      line(day, "i-web-b", weekend ? "20.00" : "40.00"),
    );
    if (day === "2026-11-12") lines.push(line(day, "i-batch-x", "600.00"));
  }
  return `${lines.join("\n")}\n`;
}

for (const engine of testEngines()) {
  describe(`anomalies on an imported FOCUS export (${engine.name})`, () => {
    let t: TestApp;
    const dir = mkdtempSync(join(tmpdir(), "opsdeck-cost-analytics-"));
    let config: ReturnType<typeof loadConfig>;
    before(async () => {
      t = await startTestApp(engine, { OPSDECK_COST_DIR: dir });
      t.clock.set("2026-11-15T09:00:00.000Z");
      config = loadConfig({ OPSDECK_DATABASE_URL: t.database.url, OPSDECK_COST_DIR: dir });
      writeFileSync(join(dir, "export.csv"), focusCsv());
      await importFocusFiles({ db: t.database.db, config }, t.system, [
        { path: join(dir, "export.csv"), name: "export.csv" },
      ]);
    });
    after(async () => {
      await t.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it("finds the spike and names the resources that drove it, from the raw rows", async () => {
      const deps = { db: t.database.db, clock: t.clock, config };
      const { anomalies: summary } = await evaluateNow(deps, { from: "2026-11-01", to: "2026-11-14" });
      // Service name and sub-account; nothing is allocated to a team in this export.
      assert.deepEqual(summary, { found: 2, added: 2, alerted: 0 });
      const res = await t.app.inject({
        url: "/api/v1/cost/anomalies?from=2026-11-12&to=2026-11-12",
        headers: t.as("viewer"),
      });
      const service = res.json().items.find((a: { dimension: string }) => a.dimension === "serviceName");
      // Thursdays cost 60 + 40 = 100.00; the 12th 700.00.
      assert.equal(service.key, "Amazon EC2");
      assert.equal(service.impact, "600.00");
      assert.deepEqual(service.drivers, [
        { resourceId: "i-batch-x", resourceName: "batch-x", amount: "600.00" },
        { resourceId: "i-web-a", resourceName: "web-a", amount: "60.00" },
        { resourceId: "i-web-b", resourceName: "web-b", amount: "40.00" },
      ]);
      // No policy names an integration: listed, not alerted.
      assert.equal(service.alertId, null);
    });
  });

  describe(`an import evaluates anomalies right after it commits (${engine.name})`, () => {
    let t: TestApp;
    const dir = mkdtempSync(join(tmpdir(), "opsdeck-cost-analytics-"));
    after(async () => {
      await t.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it("one pass of the job worker, with no periodic run due, lists the spike", async () => {
      t = await startTestApp(engine, { OPSDECK_COST_DIR: dir });
      t.clock.set("2026-11-15T09:02:00.000Z");
      const config = loadConfig({ OPSDECK_DATABASE_URL: t.database.url, OPSDECK_COST_DIR: dir });
      const deps = { db: t.database.db, clock: t.clock, config };
      writeFileSync(join(dir, "export.csv"), focusCsv());
      await importFocusFiles(deps, t.system, [{ path: join(dir, "export.csv"), name: "export.csv" }]);
      const worker = new Worker({
        db: t.database.db,
        clock: t.clock,
        handlers: costAnalyticsJobHandlers(deps),
        owner: "test",
        leaseMs: 60_000,
        pollMs: 0,
        batch: 5,
      });
      await worker.runDueJobsOnce();
      await worker.afterCommitsSettled();
      const res = await t.app.inject({
        url: "/api/v1/cost/anomalies?from=2026-11-12&to=2026-11-12",
        headers: t.as("viewer"),
      });
      const keys = res.json().items.map((a: { dimension: string; key: string }) => `${a.dimension}:${a.key}`);
      assert.ok(keys.includes("serviceName:Amazon EC2"), `anomalies: ${keys.join(", ")}`);
    });
  });
}
