import { type Kysely, sql } from "kysely";
import { addMs, type Clock, toIso } from "../clock.ts";
import type { Tables } from "../db/tables.ts";
import { enqueueJob } from "./jobs.repository.ts";
import type { JobHandler } from "./jobs.ts";

/**
 * Rows a table keeps for a while and then forgets: those whose `at` instant is older than `keepMs` (and,
 * with `where`, only those matching it). Modules declare theirs (`OpsdeckModule.retention`); one hourly job
 * deletes for all of them, so no module schedules its own purge.
 */
export interface RetentionRule {
  table: keyof Tables;
  /** The ISO instant column a row's age is measured from. */
  at: string;
  keepMs: number;
  /** The columns that identify a row (its primary key): a chunk is selected, then deleted by these. */
  key: readonly string[];
  /** Only rows whose column holds this value, e.g. jobs of one status. */
  where?: { column: string; equals: string };
}

/**
 * Keeps the job queue and the event outbox from growing forever: every intake batch leaves a few finished
 * jobs and an event behind. Finished jobs are kept a week (to see what ran), failed ones a month (to
 * investigate), events a month (live views only ever read the last minutes).
 */
export const retention = {
  doneJobsMs: 7 * 86_400_000,
  failedJobsMs: 30 * 86_400_000,
  eventsMs: 30 * 86_400_000,
};

export const platformRetention: RetentionRule[] = [
  {
    table: "jobs",
    at: "updated_at",
    keepMs: retention.doneJobsMs,
    key: ["id"],
    where: { column: "status", equals: "done" },
  },
  {
    table: "jobs",
    at: "updated_at",
    keepMs: retention.failedJobsMs,
    key: ["id"],
    where: { column: "status", equals: "failed" },
  },
  { table: "domain_events", at: "at", keepMs: retention.eventsMs, key: ["id"] },
];

export const retentionJobType = "platform.retention";
const everyMs = 3_600_000;
/** Rows per rule per run: deleting in bounded chunks never holds the SQLite writer long. */
const chunk = 5_000;

/** Enqueues the next hourly run; its key makes every caller within the hour enqueue one job. */
export async function ensureRetention(trx: Kysely<Tables>, clock: Clock, dueAt?: Date): Promise<void> {
  const due = dueAt ?? new Date((Math.floor(clock.now().getTime() / everyMs) + 1) * everyMs);
  await enqueueJob(trx, clock, {
    type: retentionJobType,
    payload: {},
    dueAt: due,
    key: `retention:${toIso(due)}`,
  });
}

/** Deletes up to `chunk` rows the rule no longer keeps, in one statement; returns how many. */
async function deleteExpired(trx: Kysely<Tables>, rule: RetentionRule, before: string): Promise<number> {
  const table = sql.table(rule.table);
  const keyColumns = sql.join(rule.key.map((c) => sql.ref(c)));
  const filter = rule.where ? sql`and ${sql.ref(rule.where.column)} = ${rule.where.equals}` : sql``;
  // A row-value IN over a subquery covers composite keys on both engines.
  const result = await sql`delete from ${table} where (${keyColumns}) in (
    select ${keyColumns} from ${table} where ${sql.ref(rule.at)} < ${before} ${filter} limit ${chunk})`.execute(
    trx,
  );
  return Number(result.numAffectedRows ?? 0);
}

/** The hourly run over every rule; a rule that filled its chunk has more to delete, so the next run is now. */
export function retentionJobHandlers(
  clock: Clock,
  rules: readonly RetentionRule[],
): Record<string, JobHandler> {
  return {
    [retentionJobType]: async (trx) => {
      const now = clock.now();
      let more = false;
      for (const rule of rules) {
        const removed = await deleteExpired(trx, rule, toIso(addMs(now, -rule.keepMs)));
        more ||= removed === chunk;
      }
      await ensureRetention(trx, clock, more ? now : undefined);
    },
  };
}
