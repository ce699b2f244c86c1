import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { publishEvent } from "../events/index.ts";
import { testEngines } from "../testing/databases.ts";
import { jobFixture } from "./jobs.fixture.ts";
import { platformRetention, retention, retentionJobHandlers, retentionJobType } from "./retention.ts";

const day = 86_400_000;

for (const engine of testEngines()) {
  describe(`job and event retention on ${engine.name}`, () => {
    const f = jobFixture(engine);

    it("deletes old finished jobs and old events, keeps pending and recent ones (failed ones longer), and schedules the next run", async () => {
      const { db } = f.t;
      const noop = async () => {};
      const handlers = {
        noop,
        fail: async () => Promise.reject(new Error("broken")),
        ...retentionJobHandlers(f.clock, platformRetention),
      };
      const oldDone = await f.enqueue({ type: "noop", payload: {} });
      const oldFailed = await f.enqueue({ type: "fail", payload: {}, maxAttempts: 1 });
      const oldPending = await f.enqueue({
        type: "noop",
        payload: {},
        dueAt: new Date(f.clock.now().getTime() + 60 * day),
      });
      await f.worker(handlers).runDueJobsOnce();
      await db.write((trx) => publishEvent(trx, f.clock, { type: "test.old", subject: "t", payload: {} }));

      // A job that failed 11 days before the run: past the week done jobs are kept, within failed jobs' month.
      f.clock.advance(retention.failedJobsMs - 10 * day);
      const midFailed = await f.enqueue({ type: "fail", payload: {}, maxAttempts: 1 });
      await f.worker(handlers).runDueJobsOnce();
      f.clock.advance(10 * day);
      const recentDone = await f.enqueue({ type: "noop", payload: {} });
      await f.worker(handlers).runDueJobsOnce();
      await db.write((trx) => publishEvent(trx, f.clock, { type: "test.recent", subject: "t", payload: {} }));
      f.clock.advance(day);

      const run = await f.enqueue({ type: retentionJobType, payload: {} });
      await f.worker(handlers).runDueJobsOnce();

      const ids = new Set((await db.read.selectFrom("jobs").select("id").execute()).map((r) => r.id));
      assert.ok(!ids.has(oldDone.id), "a done job older than a week is gone");
      assert.ok(!ids.has(oldFailed.id), "a failed job older than a month is gone");
      assert.ok(ids.has(oldPending.id), "pending jobs stay whatever their age");
      assert.ok(ids.has(recentDone.id), "a recent done job stays");
      assert.ok(ids.has(midFailed.id), "a failed job is kept a month, not a week");
      assert.equal((await f.job(run.id)).status, "done");
      const events = await db.read.selectFrom("domain_events").select("type").execute();
      assert.deepEqual(
        events.map((e) => e.type),
        ["test.recent"],
      );
      const next = await db.read
        .selectFrom("jobs")
        .select(["due_at", "status"])
        .where("type", "=", retentionJobType)
        .where("status", "=", "pending")
        .execute();
      assert.equal(next.length, 1, "the next hourly run is enqueued");
      assert.ok(Date.parse(next[0]?.due_at ?? "") > f.clock.now().getTime());
    });
  });
}
