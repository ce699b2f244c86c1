import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { JobInfo } from "../../../platform/jobs/index.ts";
import { type TestDatabase, testEngines } from "../../../platform/testing/databases.ts";
import { FakeClock } from "../../../platform/testing/fake-clock.ts";
import { ensurePrometheusEvaluation, evaluateJobType, evaluationHandler } from "./evaluation.job.ts";
import { insertSloRow, prometheusSlo } from "./rules.fixture.ts";
import { prometheusSourceState } from "./state.repository.ts";

const job: JobInfo = {
  id: "j1",
  type: evaluateJobType,
  key: null,
  attempt: 1,
  maxAttempts: 10,
  dueAt: "2026-11-02T09:00:00.000Z",
  createdAt: "2026-11-02T09:00:00.000Z",
};

for (const engine of testEngines()) {
  describe(`the evaluation chain (${engine.name})`, () => {
    let database: TestDatabase;
    const clock = new FakeClock("2026-11-02T09:00:30.000Z");
    before(async () => {
      database = await engine.create();
    });
    after(() => database.drop());

    const pendingEvaluations = () =>
      database.db.read
        .selectFrom("jobs")
        .select(["key", "due_at"])
        .where("type", "=", evaluateJobType)
        .where("status", "=", "pending")
        .execute();

    it("stops when no SLO reads Prometheus, and schedules the next minute when one does", async () => {
      const handler = evaluationHandler({
        db: database.db,
        config: { prometheusUrl: undefined, egressAllow: [] },
        clock,
      });
      await insertSloRow(
        database.db,
        prometheusSlo({ name: "pushed", indicator: { kind: "events" } }),
        clock.now(),
      );
      const idle = await database.db.write((trx) => handler(trx, {}, job));
      assert.equal(idle, undefined);
      assert.equal((await pendingEvaluations()).length, 0);

      await insertSloRow(database.db, prometheusSlo(), clock.now());
      const result = await database.db.write((trx) => handler(trx, {}, job));
      const next = await pendingEvaluations();
      assert.equal(next.length, 1);
      assert.equal(next[0]?.due_at, "2026-11-02T09:01:00.000Z");
      // A second run in the same minute (another worker, a retry) adds no second job.
      await database.db.write((trx) => handler(trx, {}, job));
      assert.equal((await pendingEvaluations()).length, 1);

      // The reading happens after commit; without a Prometheus it records why, instead of storing zeros.
      assert.ok(result && typeof result === "object" && result.afterCommit);
      await result.afterCommit();
      const state = await prometheusSourceState(database.db.read, "checkout-availability");
      assert.equal(state?.evaluatedThrough, null);
      assert.match(state?.lastError?.message ?? "", /no Prometheus configured: set OPSDECK_PROMETHEUS_URL/);
      const days = await database.db.read.selectFrom("slo_days").selectAll().execute();
      assert.equal(days.length, 0);
    });

    it("starts at once on apply or server start, and keeps the next minute's job", async () => {
      await database.db.write((trx) => trx.deleteFrom("jobs").execute());
      await database.db.write((trx) => ensurePrometheusEvaluation(trx, clock));
      await database.db.write((trx) => ensurePrometheusEvaluation(trx, clock));
      const jobs = await pendingEvaluations();
      assert.deepEqual(jobs.map((j) => j.due_at).sort(), [
        "2026-11-02T09:00:30.000Z",
        "2026-11-02T09:01:00.000Z",
      ]);
    });
  });
}
