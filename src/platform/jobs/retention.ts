import type { Kysely } from "kysely";
import { addMs, type Clock, toIso } from "../clock.ts";
import type { Tables } from "../db/tables.ts";
import { enqueueJob } from "./jobs.repository.ts";
import type { JobHandler } from "./jobs.ts";

/**
 * Keeps the job queue and the event outbox from growing forever: every intake batch leaves a few finished
 * jobs and an event behind. Finished jobs are kept a week (to see what ran), failed ones a month (to
 * investigate), events a month (live views only ever read the last minutes). Runs hourly, deleting in
 * bounded chunks so it never holds the SQLite writer long; a chunk that hit the bound runs again at once.
 */
export const retentionJobType = "platform.retention";
export const retention = {
  doneJobsMs: 7 * 86_400_000,
  failedJobsMs: 30 * 86_400_000,
  eventsMs: 30 * 86_400_000,
};
const everyMs = 3_600_000;
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

/** Deletes up to `chunk` finished jobs of `status` last touched before `before`, oldest ids first. */
async function deleteJobs(trx: Kysely<Tables>, status: "done" | "failed", before: string): Promise<number> {
  const rows = await trx
    .selectFrom("jobs")
    .select("id")
    .where("status", "=", status)
    .where("updated_at", "<", before)
    .orderBy("id")
    .limit(chunk)
    .execute();
  if (rows.length > 0)
    await trx
      .deleteFrom("jobs")
      .where(
        "id",
        "in",
        rows.map((r) => r.id),
      )
      .execute();
  return rows.length;
}

async function deleteEvents(trx: Kysely<Tables>, before: string): Promise<number> {
  const rows = await trx
    .selectFrom("domain_events")
    .select("id")
    .where("at", "<", before)
    .orderBy("id")
    .limit(chunk)
    .execute();
  if (rows.length > 0)
    await trx
      .deleteFrom("domain_events")
      .where(
        "id",
        "in",
        rows.map((r) => r.id),
      )
      .execute();
  return rows.length;
}

export function retentionJobHandlers(clock: Clock): Record<string, JobHandler> {
  return {
    [retentionJobType]: async (trx) => {
      const now = clock.now();
      const before = (ms: number) => toIso(addMs(now, -ms));
      const removed = [
        await deleteJobs(trx, "done", before(retention.doneJobsMs)),
        await deleteJobs(trx, "failed", before(retention.failedJobsMs)),
        await deleteEvents(trx, before(retention.eventsMs)),
      ];
      await ensureRetention(trx, clock, removed.some((n) => n === chunk) ? now : undefined);
    },
  };
}
