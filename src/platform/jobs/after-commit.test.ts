import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { sql } from "kysely";
import { testEngines } from "../testing/databases.ts";
import { Worker } from "./index.ts";
import { jobFixture } from "./jobs.fixture.ts";

/** A promise and the function that resolves it: lets a test hold after-commit work open. */
function gate(): { wait: Promise<void>; open: () => void } {
  let open!: () => void;
  const wait = new Promise<void>((r) => {
    open = r;
  });
  return { wait, open };
}

/** A handler's `afterCommit`: runs after the job's transaction committed, detached from the rounds. */
for (const engine of testEngines()) {
  describe(`job after-commit work on ${engine.name}`, () => {
    const f = jobFixture(engine);
    const { effect, worker, enqueue, job, effects } = f;

    it("runs after the commit, outside the transaction, and may write on its own", async () => {
      const { id } = await enqueue({ type: "io", payload: "x" });
      let seen: { status: string; effects: number } | undefined;
      const w = worker({
        io: async (trx, payload, info) => {
          await effect(trx, payload, info);
          return {
            afterCommit: async () => {
              // Committed already: a reader sees the completion and the effect.
              seen = { status: (await job(id)).status, effects: (await effects()).length };
              // On SQLite this would wait forever if the job's writer were still held.
              await f.t.db.write((w) => sql`insert into job_effects values (${id}, 'after')`.execute(w));
            },
          };
        },
      });
      assert.deepEqual(await w.runDueJobsOnce(), { claimed: 1, done: 1, retried: 0, failed: 0, lost: 0 });
      await w.afterCommitsSettled();
      assert.deepEqual(seen, { status: "done", effects: 1 });
      assert.deepEqual(
        (await effects()).map((e) => e.note),
        ['"x"', "after"],
      );
    });

    it("does not hold up the next round while it runs", async () => {
      const slow = gate();
      let finished = false;
      const w = worker({
        slow: async () => ({
          afterCommit: async () => {
            await slow.wait;
            finished = true;
          },
        }),
        effect,
      });
      await enqueue({ type: "slow", payload: null });
      assert.equal((await w.runDueJobsOnce()).done, 1);
      const { id } = await enqueue({ type: "effect", payload: "next" });
      assert.equal((await w.runDueJobsOnce()).done, 1);
      assert.equal((await job(id)).status, "done");
      assert.equal(finished, false);
      slow.open();
      await w.afterCommitsSettled();
      assert.equal(finished, true);
    });

    it("never runs for a handler that failed, and a failing one leaves the job done and is logged", async () => {
      let ran = 0;
      const errors: string[] = [];
      const w = new Worker({
        db: f.t.db,
        clock: f.clock,
        owner: "w",
        leaseMs: 30_000,
        pollMs: 5,
        batch: 10,
        log: { warn() {}, error: (_fields, message) => void errors.push(message) },
        handlers: {
          rollback: async () => {
            if (ran >= 0) throw new Error("no");
            return { afterCommit: async () => void ran++ };
          },
          broken: async () => ({
            afterCommit: async () => {
              ran++;
              throw new Error("peer down");
            },
          }),
        },
      });
      const rolledBack = await enqueue({ type: "rollback", payload: null });
      const broken = await enqueue({ type: "broken", payload: null });
      const summary = await w.runDueJobsOnce();
      await w.afterCommitsSettled();
      assert.deepEqual([summary.done, summary.retried], [1, 1]);
      assert.equal(ran, 1);
      assert.equal((await job(rolledBack.id)).status, "pending");
      assert.equal((await job(broken.id)).status, "done");
      assert.deepEqual(errors, ["job worker: after-commit work failed"]);
    });

    it("is awaited by stop()", async () => {
      const slow = gate();
      let finished = false;
      const w = worker({
        slow: async () => ({
          afterCommit: async () => {
            await slow.wait;
            finished = true;
          },
        }),
      });
      await enqueue({ type: "slow", payload: null });
      await w.runDueJobsOnce();
      const stopped = w.stop();
      setImmediate(slow.open);
      await stopped;
      assert.equal(finished, true);
    });
  });
}
