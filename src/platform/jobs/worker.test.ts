import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { testEngines } from "../testing/databases.ts";
import { countJobs } from "./index.ts";
import { jobFixture } from "./jobs.fixture.ts";
import { claimJobs, markJobDone, recordJobFailure } from "./jobs.repository.ts";

/** Leases, dead workers and the polling loop. */
for (const engine of testEngines()) {
  describe(`job worker on ${engine.name}`, () => {
    const f = jobFixture(engine);
    const { effect, worker, enqueue, job, effects } = f;

    it("lets another worker take over a job once the lease of its dead holder expires", async () => {
      const { id } = await enqueue({ type: "effect", payload: "x" });
      const claimed = await f.t.db.write((trx) =>
        claimJobs(trx, f.t.db.dialect, {
          owner: "dead",
          now: f.clock.now(),
          leaseMs: 30_000,
          limit: 10,
          types: ["effect"],
        }),
      );
      assert.deepEqual(
        claimed.map((j) => [j.id, j.attempts]),
        [[id, 1]],
      );
      const survivor = worker({ effect }, "survivor");
      assert.equal((await survivor.runDueJobsOnce()).claimed, 0);
      assert.equal((await countJobs(f.t.db.read, f.clock.now())).running, 1);
      f.clock.advance(30_000);
      assert.equal((await survivor.runDueJobsOnce()).claimed, 0);
      f.clock.advance(1);
      assert.equal((await survivor.runDueJobsOnce()).done, 1);
      const row = await job(id);
      assert.equal(row.attempts, 2);
      assert.equal(row.lease_owner, "survivor");
      // The presumed-dead holder comes back: it can neither complete the job nor record a failure.
      const late = await f.t.db.write(async (trx) => ({
        done: await markJobDone(trx, { id, owner: "dead", now: f.clock.now() }),
        failed: await recordJobFailure(trx, {
          id,
          owner: "dead",
          now: f.clock.now(),
          error: "x",
          retryAt: null,
        }),
      }));
      assert.deepEqual(late, { done: false, failed: false });
      assert.equal((await job(id)).status, "done");
      assert.equal((await effects()).length, 1);
    });

    if (engine.name === "postgres") {
      it("does not hand a job to a second worker while the first is still completing it past its lease", async () => {
        const { id } = await enqueue({ type: "slow", payload: null });
        let started!: () => void;
        const running = new Promise<void>((r) => {
          started = r;
        });
        let release!: () => void;
        const gate = new Promise<void>((r) => {
          release = r;
        });
        const first = worker({
          slow: async (trx, payload, info) => {
            started();
            await gate;
            await effect(trx, payload, info);
          },
        }).runDueJobsOnce();
        await running;
        f.clock.advance(60_000);
        // The lease has expired, but the row lock taken by the completion skips the job for other claimers.
        assert.equal((await worker({ slow: effect }, "second").runDueJobsOnce()).claimed, 0);
        release();
        assert.equal((await first).done, 1);
        assert.equal((await job(id)).lease_owner, "worker-a");
        assert.equal((await effects()).length, 1);
      });
    }

    it("fails a job whose holder died on its last attempt instead of running it again", async () => {
      const { id } = await enqueue({ type: "effect", payload: "x", maxAttempts: 1 });
      await f.t.db.write((trx) =>
        claimJobs(trx, f.t.db.dialect, {
          owner: "dead",
          now: f.clock.now(),
          leaseMs: 1_000,
          limit: 1,
          types: ["effect"],
        }),
      );
      f.clock.advance(1_001);
      assert.equal((await worker({ effect }).runDueJobsOnce()).failed, 1);
      const row = await job(id);
      assert.equal(row.status, "failed");
      assert.match(row.last_error ?? "", /lease expired/);
      assert.equal((await effects()).length, 0);
    });

    it("polls once started, and stop() waits for the job it is running", async () => {
      const { id } = await enqueue({ type: "slow", payload: null });
      let started!: () => void;
      const running = new Promise<void>((r) => {
        started = r;
      });
      let release!: () => void;
      const gate = new Promise<void>((r) => {
        release = r;
      });
      const w = worker({
        slow: async (trx, payload, info) => {
          started();
          await gate;
          await effect(trx, payload, info);
        },
      });
      w.start();
      await running;
      let stopped = false;
      const stopping = w.stop().then(() => {
        stopped = true;
      });
      await new Promise((r) => setImmediate(r));
      assert.equal(stopped, false);
      release();
      await stopping;
      assert.equal((await job(id)).status, "done");
      assert.equal((await effects()).length, 1);
    });
  });
}
