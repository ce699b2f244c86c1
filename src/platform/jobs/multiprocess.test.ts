import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { type RawBuilder, sql } from "kysely";
import { systemClock } from "../clock.ts";
import type { Database } from "../db/database.ts";
import { testEngines } from "../testing/databases.ts";
import { countJobs, enqueueJob } from "./index.ts";

const jobCount = 2_000;
const leaseMs = 2_000;
const childScript = fileURLToPath(new URL("./multiprocess.child.ts", import.meta.url));

/** Only PostgreSQL lets several processes claim concurrently; testEngines() decides skip (local) or fail (CI). */
const postgres = testEngines().find((e) => e.name === "postgres");

interface Child {
  owner: string;
  process: ChildProcess;
  stderr: string[];
  exited: Promise<unknown>;
}

/** Each child's connections carry its owner as application_name, so the test can see them in pg_stat_activity. */
function startWorker(url: string, owner: string): Child {
  const withName = new URL(url);
  withName.searchParams.set("application_name", owner);
  const child = spawn(process.execPath, [childScript, withName.toString(), owner, String(leaseMs)], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  const stderr: string[] = [];
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => stderr.push(chunk));
  return { owner, process: child, stderr, exited: once(child, "exit") };
}

async function ready(child: Child): Promise<void> {
  const stdout = child.process.stdout;
  assert.ok(stdout);
  let seen = "";
  for await (const chunk of stdout.setEncoding("utf8")) {
    seen += chunk;
    if (seen.includes("ready\n")) return;
  }
  throw new Error(`worker ${child.owner} exited before it was ready:\n${child.stderr.join("")}`);
}

/** Polls `check` until it holds; the deadline keeps a broken build from hanging CI. */
async function until(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

async function scalar(db: Database, query: RawBuilder<{ n: unknown }>): Promise<number> {
  const { rows } = await query.execute(db.read);
  return Number(rows[0]?.n);
}

describe("jobs across three worker processes on PostgreSQL", {
  skip: !postgres && "OPSDECK_TEST_DATABASE_URL is not set",
}, () => {
  it(`runs ${jobCount} jobs exactly once while one worker is killed mid-run`, {
    timeout: 90_000,
  }, async (t) => {
    assert.ok(postgres);
    const database = await postgres.create();
    const { db } = database;
    const children: Child[] = [];
    try {
      await sql`create table job_effects (job_id text not null, owner text not null)`.execute(db.admin);
      for (const owner of ["worker-1", "worker-2", "worker-3"])
        children.push(startWorker(database.url, owner));
      await Promise.all(children.map(ready));

      // One transaction: the three workers see all the jobs at once.
      await db.write(async (trx) => {
        for (let i = 0; i < jobCount; i++)
          await enqueueJob(trx, systemClock, { type: "test.effect", payload: { i }, key: `mp-${i}` });
      });

      // Kill worker-1 once it has finished some jobs and holds others it has not finished.
      const victim = children[0];
      assert.ok(victim);
      await until(
        "worker-1 to be mid-run",
        async () => {
          const { rows } = await sql<{ done: string; held: string }>`
            select count(*) filter (where status = 'done') as done,
                   count(*) filter (where status = 'pending') as held
            from jobs where lease_owner = ${victim.owner}`.execute(db.read);
          return Number(rows[0]?.done) >= 20 && Number(rows[0]?.held) >= 1;
        },
        30_000,
      );
      victim.process.kill("SIGKILL");
      await victim.exited;
      // Its transactions end only when PostgreSQL notices the dropped connections; then its leases are final.
      await until(
        "worker-1's connections to close",
        async () =>
          (await scalar(
            db,
            sql`select count(*) as n from pg_stat_activity where application_name = ${victim.owner}`,
          )) === 0,
        10_000,
      );
      const orphans = (
        await sql<{ id: string }>`
          select id from jobs where status = 'pending' and lease_owner = ${victim.owner}`.execute(db.read)
      ).rows.map((r) => r.id);
      assert.ok(orphans.length > 0, "worker-1 died holding leased jobs");

      await until(
        `all ${jobCount} jobs to be done`,
        async () => (await countJobs(db.read, systemClock.now())).done === jobCount,
        60_000,
      );

      assert.deepEqual(await countJobs(db.read, systemClock.now()), {
        pending: 0,
        running: 0,
        done: jobCount,
        failed: 0,
      });
      const effects = (
        await sql<{ rows: string; jobs: string }>`
          select count(*) as rows, count(distinct job_id) as jobs from job_effects`.execute(db.read)
      ).rows[0];
      assert.deepEqual(
        { rows: Number(effects?.rows), jobs: Number(effects?.jobs) },
        { rows: jobCount, jobs: jobCount },
      );
      // Every effect committed with the completion of the same worker, and every job has its effect.
      assert.equal(
        await scalar(
          db,
          sql`select count(*) as n from jobs j join job_effects e on e.job_id = j.id and e.owner = j.lease_owner`,
        ),
        jobCount,
      );
      // The dead worker's leased jobs were taken over by the others, on a second attempt.
      const takenOver = (
        await sql<{ id: string; lease_owner: string; attempts: number; effect_owner: string }>`
          select j.id, j.lease_owner, j.attempts, e.owner as effect_owner
          from jobs j join job_effects e on e.job_id = j.id
          where j.id in (${sql.join(orphans)})`.execute(db.read)
      ).rows;
      assert.equal(takenOver.length, orphans.length);
      for (const job of takenOver) {
        assert.notEqual(job.lease_owner, victim.owner);
        assert.notEqual(job.effect_owner, victim.owner);
        assert.ok(job.attempts >= 2, `job ${job.id} was retaken after its lease`);
      }
      const ran: Record<string, number> = {};
      for (const child of children)
        ran[child.owner] = await scalar(
          db,
          sql`select count(*) as n from job_effects where owner = ${child.owner}`,
        );
      for (const survivor of children.slice(1))
        assert.ok((ran[survivor.owner] ?? 0) > 0, `${survivor.owner} ran jobs`);
      t.diagnostic(
        `jobs run per worker: ${JSON.stringify(ran)}; taken over from the killed worker: ${orphans.length}`,
      );
    } catch (error) {
      for (const child of children)
        process.stderr.write(`--- ${child.owner} stderr:\n${child.stderr.join("")}`);
      throw error;
    } finally {
      await Promise.all(children.map(stopWorker));
      await database.drop();
    }
  });
});

/** SIGTERM lets a worker finish its jobs; SIGKILL follows if it does not exit in time. */
async function stopWorker(child: Child): Promise<void> {
  if (child.process.exitCode !== null || child.process.signalCode !== null) return;
  child.process.kill("SIGTERM");
  const timer = setTimeout(() => child.process.kill("SIGKILL"), 5_000);
  await child.exited;
  clearTimeout(timer);
}
