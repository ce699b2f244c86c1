import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { toIso } from "../clock.ts";
import { testEngines } from "../testing/databases.ts";
import { countJobs, enqueueJob, type JobHandler, mergeJobHandlers, retryDelayMs, Worker } from "./index.ts";
import { jobFixture } from "./jobs.fixture.ts";
import { claimJobs } from "./jobs.repository.ts";

describe("job backoff and handler registry", () => {
  it("doubles the retry delay from one second and caps it at five minutes", () => {
    assert.deepEqual(
      [1, 2, 3, 4].map((a) => retryDelayMs(a)),
      [1_000, 2_000, 4_000, 8_000],
    );
    assert.equal(retryDelayMs(30), 300_000);
  });

  it("refuses two handlers for one job type", () => {
    const noop: JobHandler = async () => {};
    assert.throws(() => mergeJobHandlers([{ a: noop }, { a: noop }]), /job type a has two handlers/);
    assert.deepEqual(Object.keys(mergeJobHandlers([{ a: noop }, { b: noop }])), ["a", "b"]);
  });
});

for (const engine of testEngines()) {
  describe(`jobs on ${engine.name}`, () => {
    const f = jobFixture(engine);
    const { effect, worker, enqueue, job, effects } = f;

    it("runs a due job once, its effects committed with its completion", async () => {
      const payload = { incident: "inc-1", steps: [1, 2], note: "ü" };
      const { id, enqueued } = await enqueue({ type: "effect", payload });
      assert.equal(enqueued, true);
      let seen: unknown;
      const w = worker({
        effect: async (trx, p, info) => {
          seen = { p, attempt: info.attempt, type: info.type };
          await effect(trx, p, info);
        },
      });
      assert.deepEqual(await w.runDueJobsOnce(), { claimed: 1, done: 1, retried: 0, failed: 0, lost: 0 });
      assert.deepEqual(seen, { p: payload, attempt: 1, type: "effect" });
      const row = await job(id);
      assert.equal(row.status, "done");
      assert.equal(row.attempts, 1);
      assert.equal(row.lease_owner, "worker-a");
      assert.equal(row.finished_at, toIso(f.clock.now()));
      assert.deepEqual(await effects(), [{ job_id: id, note: JSON.stringify(payload) }]);
      assert.equal((await w.runDueJobsOnce()).claimed, 0);
    });

    it("does not run a job before its due time", async () => {
      const { id } = await enqueue({
        type: "effect",
        payload: 1,
        dueAt: new Date(f.clock.now().getTime() + 60_000),
      });
      const w = worker({ effect });
      assert.equal((await w.runDueJobsOnce()).claimed, 0);
      f.clock.advance(59_999);
      assert.equal((await w.runDueJobsOnce()).claimed, 0);
      f.clock.advance(1);
      assert.equal((await w.runDueJobsOnce()).done, 1);
      assert.equal((await job(id)).status, "done");
    });

    it("claims the oldest due jobs first, a batch at a time", async () => {
      const start = f.clock.now().getTime();
      for (const offset of [4, 2, 5, 1, 3]) {
        await enqueue({ type: "effect", payload: offset, dueAt: new Date(start - offset * 1000) });
      }
      let round: unknown[] = [];
      const w = new Worker({
        db: f.t.db,
        clock: f.clock,
        owner: "w",
        leaseMs: 30_000,
        pollMs: 5,
        batch: 2,
        handlers: { effect: async (_trx, p) => void round.push(p) },
      });
      const rounds: Set<unknown>[] = [];
      for (let i = 0; i < 3; i++) {
        round = [];
        await w.runDueJobsOnce();
        // A batch runs concurrently: only the batches are ordered.
        rounds.push(new Set(round));
      }
      assert.deepEqual(rounds, [new Set([5, 4]), new Set([3, 2]), new Set([1])]);
    });

    it("keeps one job per idempotency key, whatever state the first is in", async () => {
      const first = await enqueue({ type: "effect", payload: "first", key: "escalate:inc-1:step-1" });
      const second = await enqueue({ type: "effect", payload: "second", key: "escalate:inc-1:step-1" });
      assert.equal(first.enqueued, true);
      assert.deepEqual(second, { id: first.id, enqueued: false });
      const inOneTransaction = await f.t.db.write(async (trx) => [
        await enqueueJob(trx, f.clock, { type: "effect", payload: 1, key: "k2" }),
        await enqueueJob(trx, f.clock, { type: "effect", payload: 2, key: "k2" }),
      ]);
      assert.equal(inOneTransaction[1]?.id, inOneTransaction[0]?.id);
      await worker({ effect }).runDueJobsOnce();
      const afterDone = await enqueue({ type: "effect", payload: "third", key: "escalate:inc-1:step-1" });
      assert.deepEqual(afterDone, { id: first.id, enqueued: false });
      assert.deepEqual((await effects()).map((e) => e.note).sort(), ['"first"', "1"]);
    });

    it("enqueues atomically with the caller's transaction", async () => {
      await assert.rejects(
        f.t.db.write(async (trx) => {
          await enqueueJob(trx, f.clock, { type: "effect", payload: 1 });
          throw new Error("the change that caused the job failed");
        }),
        /the change that caused the job failed/,
      );
      assert.deepEqual(await countJobs(f.t.db.read, f.clock.now()), {
        pending: 0,
        running: 0,
        done: 0,
        failed: 0,
      });
    });

    it("retries a failing handler with exponential backoff, rolling back each failed run's effects", async () => {
      const { id } = await enqueue({ type: "flaky", payload: null, maxAttempts: 5 });
      const w = worker({
        flaky: async (trx, payload, info) => {
          await effect(trx, payload, info);
          if (info.attempt < 3) throw new Error(`boom ${info.attempt}`);
        },
      });
      assert.equal((await w.runDueJobsOnce()).retried, 1);
      let row = await job(id);
      assert.equal(row.status, "pending");
      assert.equal(row.attempts, 1);
      assert.equal(row.last_error, "Error: boom 1");
      assert.equal(row.lease_owner, null);
      assert.equal(row.due_at, toIso(new Date(f.clock.now().getTime() + 1_000)));
      assert.equal((await w.runDueJobsOnce()).claimed, 0);
      f.clock.advance(1_000);
      assert.equal((await w.runDueJobsOnce()).retried, 1);
      row = await job(id);
      assert.equal(row.last_error, "Error: boom 2");
      assert.equal(row.due_at, toIso(new Date(f.clock.now().getTime() + 2_000)));
      f.clock.advance(1_999);
      assert.equal((await w.runDueJobsOnce()).claimed, 0);
      f.clock.advance(1);
      assert.equal((await w.runDueJobsOnce()).done, 1);
      row = await job(id);
      assert.equal(row.status, "done");
      assert.equal(row.attempts, 3);
      assert.equal((await effects()).length, 1);
    });

    it("marks a job failed, visibly, after its last attempt", async () => {
      const { id } = await enqueue({ type: "broken", payload: null, maxAttempts: 3 });
      const w = worker({ broken: async () => Promise.reject(new TypeError("bad payload")) });
      const outcomes = [];
      for (let i = 0; i < 4; i++) {
        outcomes.push(await w.runDueJobsOnce());
        f.clock.advance(60_000);
      }
      assert.deepEqual(
        outcomes.map((o) => [o.retried, o.failed]),
        [
          [1, 0],
          [1, 0],
          [0, 1],
          [0, 0],
        ],
      );
      const row = await job(id);
      assert.equal(row.status, "failed");
      assert.equal(row.attempts, 3);
      assert.equal(row.last_error, "TypeError: bad payload");
      assert.ok(row.finished_at);
      assert.equal((await countJobs(f.t.db.read, f.clock.now())).failed, 1);
    });

    it("leaves job types it has no handler for to workers that have one", async () => {
      await enqueue({ type: "from.a.newer.version", payload: {} });
      assert.equal((await worker({ effect }).runDueJobsOnce()).claimed, 0);
      assert.equal((await countJobs(f.t.db.read, f.clock.now())).pending, 1);
    });

    it("counts jobs by state", async () => {
      await enqueue({ type: "effect", payload: 1 });
      await enqueue({ type: "broken", payload: 2, maxAttempts: 1 });
      await enqueue({ type: "held", payload: 3 });
      await enqueue({ type: "effect", payload: 4, dueAt: new Date(f.clock.now().getTime() + 60_000) });
      await worker({ effect, broken: () => Promise.reject(new Error("no")) }).runDueJobsOnce();
      await f.t.db.write((trx) =>
        claimJobs(trx, f.t.db.dialect, {
          owner: "other",
          now: f.clock.now(),
          leaseMs: 1_000,
          limit: 1,
          types: ["held"],
        }),
      );
      assert.deepEqual(await countJobs(f.t.db.read, f.clock.now()), {
        pending: 1,
        running: 1,
        done: 1,
        failed: 1,
      });
      f.clock.advance(1_001);
      assert.deepEqual(await countJobs(f.t.db.read, f.clock.now()), {
        pending: 2,
        running: 0,
        done: 1,
        failed: 1,
      });
    });
  });
}
