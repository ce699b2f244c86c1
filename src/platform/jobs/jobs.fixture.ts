import assert from "node:assert/strict";
import { after, before, beforeEach } from "node:test";
import { sql } from "kysely";
import type { Engine, TestDatabase } from "../testing/databases.ts";
import { FakeClock } from "../testing/fake-clock.ts";
import { enqueueJob, findJob, type JobHandler, type JobRow, type JobSpec, Worker } from "./index.ts";

/** What the jobs tests share: one database per engine, emptied and given a fresh FakeClock per test. */
export interface JobFixture {
  readonly t: TestDatabase;
  readonly clock: FakeClock;
  /** Records a row per run, in the job's transaction, so tests can see which effects committed. */
  effect: JobHandler;
  worker(handlers: Record<string, JobHandler>, owner?: string): Worker;
  enqueue(spec: JobSpec): Promise<{ id: string; enqueued: boolean }>;
  job(id: string): Promise<JobRow>;
  effects(): Promise<{ job_id: string; note: string }[]>;
}

/** Registers the hooks in the calling describe() and returns accessors valid inside its tests. */
export function jobFixture(engine: Engine): JobFixture {
  let t: TestDatabase | undefined;
  let clock = new FakeClock();
  before(async () => {
    t = await engine.create();
    await sql`create table job_effects (job_id text not null, note text not null)`.execute(t.db.admin);
  });
  after(() => t?.drop());
  beforeEach(async () => {
    clock = new FakeClock();
    await db().db.write(async (trx) => {
      await trx.deleteFrom("jobs").execute();
      await sql`delete from job_effects`.execute(trx);
    });
  });
  const db = (): TestDatabase => {
    assert.ok(t, "the fixture's database exists inside tests only");
    return t;
  };
  return {
    get t() {
      return db();
    },
    get clock() {
      return clock;
    },
    async effect(trx, payload, job) {
      await sql`insert into job_effects (job_id, note) values (${job.id}, ${JSON.stringify(payload)})`.execute(
        trx,
      );
    },
    worker: (handlers, owner = "worker-a") =>
      new Worker({ db: db().db, clock, handlers, owner, leaseMs: 30_000, pollMs: 5, batch: 10 }),
    enqueue: (spec) => db().db.write((trx) => enqueueJob(trx, clock, spec)),
    async job(id) {
      const row = await findJob(db().db.read, id);
      assert.ok(row, `job ${id} exists`);
      return row;
    },
    async effects() {
      const { rows } = await sql<{
        job_id: string;
        note: string;
      }>`select job_id, note from job_effects`.execute(db().db.read);
      return rows.map((r) => ({ job_id: r.job_id, note: r.note }));
    },
  };
}
