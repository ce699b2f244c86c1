/**
 * One worker process for multiprocess.test.ts (not a test itself). Arguments: database URL, owner, lease
 * in ms. Its one handler records which worker ran which job, then lingers a few ms so that a SIGKILL from
 * the test is likely to land while jobs are leased but unfinished.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { sql } from "kysely";
import { systemClock } from "../clock.ts";
import { openDatabase } from "../db/database.ts";
import { Worker } from "./worker.ts";

const [url, owner, leaseMs] = process.argv.slice(2);
if (!url || !owner || !leaseMs) throw new Error("usage: multiprocess.child.ts DATABASE_URL OWNER LEASE_MS");

const batch = 10;
const db = openDatabase(url, { pgPoolSize: batch + 2 });
const worker = new Worker({
  db,
  clock: systemClock,
  owner,
  leaseMs: Number(leaseMs),
  pollMs: 20,
  batch,
  handlers: {
    "test.effect": async (trx, _payload, job) => {
      await sql`insert into job_effects (job_id, owner) values (${job.id}, ${owner})`.execute(trx);
      await sleep(5);
    },
  },
  log: {
    warn: (fields, message) => process.stderr.write(`${message} ${JSON.stringify(fields)}\n`),
    error: (fields, message) => process.stderr.write(`${message} ${JSON.stringify(fields)}\n`),
  },
});
worker.start();
process.stdout.write("ready\n");
process.on("SIGTERM", () => {
  void worker
    .stop()
    .then(() => db.close())
    .then(() => process.exit(0));
});
