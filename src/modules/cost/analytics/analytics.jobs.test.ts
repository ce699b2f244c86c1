import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { loadConfig } from "../../../platform/config/config.ts";
import { Worker } from "../../../platform/jobs/index.ts";
import type { AppDeps } from "../../../platform/modules.ts";
import { type TestDatabase, testEngines } from "../../../platform/testing/databases.ts";
import { FakeClock } from "../../../platform/testing/fake-clock.ts";
import {
  costAnalyticsJob,
  costAnalyticsJobHandlers,
  evaluateNow,
  scheduleCostAnalytics,
  startCostAnalyticsJobs,
} from "./analytics.jobs.ts";
import { dailyRows, seedRollup } from "./test-seed.ts";

/** 2026-08-01 .. 2026-11-14 at 50.00 a day, 450.00 on Thursday 2026-11-12: an anomaly of 400.00. */
const spiky = (importId: string) =>
  seedRollup(
    database.db,
    dailyRows(
      "2026-08-01",
      "2026-11-14",
      { serviceName: "Amazon EKS", subAccountId: "9", team: null },
      (d) => (d === "2026-11-12" ? "450.00" : "50.00"),
    ),
    importId,
  );

let database: TestDatabase;

for (const engine of testEngines()) {
  describe(`periodic cost evaluation job (${engine.name})`, () => {
    const clock = new FakeClock("2026-11-15T09:10:00.000Z");
    let deps: AppDeps;
    let worker: Worker;
    before(async () => {
      database = await engine.create();
      deps = { db: database.db, clock, config: loadConfig({ OPSDECK_DATABASE_URL: database.url }) };
      worker = new Worker({
        db: database.db,
        clock,
        handlers: costAnalyticsJobHandlers(deps),
        owner: "test",
        leaseMs: 60_000,
        pollMs: 0,
        batch: 5,
      });
    });
    after(() => database.drop());

    const pendingKeys = async () =>
      (
        await database.db.read
          .selectFrom("jobs")
          .select("key")
          .where("type", "=", costAnalyticsJob)
          .where("status", "=", "pending")
          .execute()
      ).map((r) => r.key);
    const anomalies = async () =>
      (await database.db.read.selectFrom("cost_anomalies").select("id").execute()).length;
    const runAt = async (iso: string) => {
      clock.set(iso);
      const summary = await worker.runDueJobsOnce();
      await worker.afterCommitsSettled();
      return summary;
    };

    it("reacts to a new import within five minutes, and evaluates at the top of each hour", async () => {
      // Two instances starting: one job for the 09:15 slot.
      await database.db.write((trx) => startCostAnalyticsJobs(trx, deps));
      await database.db.write((trx) => startCostAnalyticsJobs(trx, deps));
      assert.deepEqual(await pendingKeys(), ["cost-analytics:periodic:2026-11-15T09:15:00.000Z"]);
      assert.equal((await runAt("2026-11-15T09:14:00.000Z")).claimed, 0, "not due before its slot");
      assert.equal((await runAt("2026-11-15T09:15:00.000Z")).done, 1);
      assert.deepEqual(await pendingKeys(), ["cost-analytics:periodic:2026-11-15T09:20:00.000Z"]);

      // An import lands (by any path): the next slot sees it and evaluates.
      await spiky("import-1");
      await runAt("2026-11-15T09:20:00.000Z");
      assert.equal(await anomalies(), 2, "service name and sub-account");

      // Nothing new: the 09:25 slot does not evaluate (rows removed by hand stay removed)...
      await database.db.write((trx) => trx.deleteFrom("cost_anomalies").execute());
      await runAt("2026-11-15T09:25:00.000Z");
      assert.equal(await anomalies(), 0);
      // ...but the top of the hour always does. (The slots in between ran on the way.)
      for (let m = 30; m <= 55; m += 5) await runAt(`2026-11-15T09:${m}:00.000Z`);
      assert.equal(await anomalies(), 0);
      await runAt("2026-11-15T10:00:00.000Z");
      assert.equal(await anomalies(), 2);
      assert.deepEqual(await pendingKeys(), ["cost-analytics:periodic:2026-11-15T10:05:00.000Z"]);
    });

    it("evaluates more than a year of data at once (in chunks), finding the one spike", async () => {
      // 2025-09-01 .. 2026-11-14 (440 days) at 50.00, with 450.00 on 2025-12-10: impact 400.
      await seedRollup(
        database.db,
        dailyRows(
          "2025-09-01",
          "2026-11-14",
          { serviceName: "Amazon EC2", subAccountId: "7", team: null },
          (d) => (d === "2025-12-10" ? "450.00" : "50.00"),
        ),
        "import-2",
      );
      const summary = await evaluateNow(deps, { from: "2025-01-01", to: "2026-12-31" });
      // Service name and sub-account of the new series (the spend is allocated to no team); the EKS
      // anomalies of the first test are found again, not added.
      assert.deepEqual(summary.anomalies, { found: 4, added: 2, alerted: 0 });
    });

    it("does not evaluate an import again that its own evaluation covered, but one whose evaluation was lost", async () => {
      // An import as the import service leaves it: its rows, and its evaluation enqueued in its transaction.
      // A lost evaluation: its job committed (done), then the process died before the evaluation ran.
      const newImport = async (id: string, at: string, evaluation: "runs" | "lost") => {
        clock.set(at);
        const row = { serviceName: `Add-on ${id}`, subAccountId: "9", team: null };
        await seedRollup(
          database.db,
          dailyRows("2026-11-14", "2026-11-14", row, () => "1.00"),
          id,
          at,
        );
        await database.db.write(async (trx) => {
          const request = { reason: `import:${id}`, from: "2026-11-01", imports: [id], once: true };
          await scheduleCostAnalytics(trx, clock, request);
          if (evaluation === "lost")
            await trx
              .updateTable("jobs")
              .set({ status: "done" })
              .where("key", "=", `cost-analytics:import:${id}`)
              .execute();
        });
      };
      const clearAnomalies = () => database.db.write((trx) => trx.deleteFrom("cost_anomalies").execute());
      await runAt("2026-11-15T10:05:00.000Z");

      // The import's evaluation runs right after it; the next slot has nothing new to evaluate.
      await newImport("import-3", "2026-11-15T10:06:00.000Z", "runs");
      await clearAnomalies();
      await runAt("2026-11-15T10:06:00.000Z");
      assert.equal(await anomalies(), 2, "the import's own evaluation");
      await clearAnomalies();
      await runAt("2026-11-15T10:10:00.000Z");
      assert.equal(await anomalies(), 0, "evaluated once, not again by the periodic slot");

      // import-4's evaluation was lost; import-5's ran, but covers only import-5's days.
      await newImport("import-4", "2026-11-15T10:11:00.000Z", "lost");
      await newImport("import-5", "2026-11-15T10:12:00.000Z", "runs");
      await runAt("2026-11-15T10:12:00.000Z");
      await clearAnomalies();
      await runAt("2026-11-15T10:15:00.000Z");
      assert.equal(await anomalies(), 2, "the periodic slot evaluates in place of the lost evaluation");
      await clearAnomalies();
      await runAt("2026-11-15T10:20:00.000Z");
      assert.equal(await anomalies(), 0, "and then once only");
    });
  });
}
