import type { Kysely } from "kysely";
import { addMs, type Clock, toIso } from "../../platform/clock.ts";
import { chunks } from "../../platform/db/chunks.ts";
import type { Tables } from "../../platform/db/tables.ts";
import { enqueueJob, type JobHandler } from "../../platform/jobs/index.ts";
import type { AlertResolutionTable } from "./alerts.tables.ts";

/**
 * Resolved occurrences (integration, fingerprint, startsAt), so that a firing re-send of one that already
 * resolved (a retried or delayed notification) is ignored instead of opening it again. Senders retry for
 * minutes, not days: a week of them is kept, which keeps the table small enough to stay in memory.
 */
export const resolutionKeepMs = 7 * 86_400_000;
export const resolutionPurgeJob = "alerts.purge-resolutions";
const purgeEveryMs = 3_600_000;
const purgeChunk = 5_000;

/** Remembers resolved occurrences; one already remembered keeps its first resolution. */
export async function recordResolutions(trx: Kysely<Tables>, rows: AlertResolutionTable[]): Promise<void> {
  for (const part of chunks(rows, 500))
    await trx
      .insertInto("alert_resolutions")
      .values(part)
      .onConflict((oc) => oc.doNothing())
      .execute();
}

/** The `integration:fingerprint:startsAt` keys among `wanted` that resolved already. */
export async function resolvedStarts(
  trx: Kysely<Tables>,
  wanted: { integrationId: string; fingerprint: string }[],
): Promise<Set<string>> {
  const found = new Set<string>();
  for (const part of chunks(wanted, 500)) {
    const rows = await trx
      .selectFrom("alert_resolutions")
      .select(["integration_id", "fingerprint", "starts_at"])
      .where("integration_id", "in", [...new Set(part.map((w) => w.integrationId))])
      .where("fingerprint", "in", [...new Set(part.map((w) => w.fingerprint))])
      .execute();
    for (const r of rows) found.add(`${r.integration_id}:${r.fingerprint}:${r.starts_at}`);
  }
  return found;
}

/** Enqueues the next hourly purge; its key makes every caller within the hour enqueue one job. */
export async function ensureResolutionPurge(trx: Kysely<Tables>, clock: Clock, dueAt?: Date): Promise<void> {
  const due = dueAt ?? new Date((Math.floor(clock.now().getTime() / purgeEveryMs) + 1) * purgeEveryMs);
  await enqueueJob(trx, clock, {
    type: resolutionPurgeJob,
    payload: {},
    dueAt: due,
    key: `${resolutionPurgeJob}:${toIso(due)}`,
  });
}

/** Deletes occurrences whose resolve came in more than a week ago, in bounded chunks; a full chunk runs again at once. */
export function resolutionJobHandlers(clock: Clock): Record<string, JobHandler> {
  return {
    [resolutionPurgeJob]: async (trx) => {
      const now = clock.now();
      const old = await trx
        .selectFrom("alert_resolutions")
        .select(["integration_id", "fingerprint", "starts_at"])
        .where("recorded_at", "<", toIso(addMs(now, -resolutionKeepMs)))
        .orderBy("recorded_at")
        .limit(purgeChunk)
        .execute();
      for (const part of chunks(old, 500))
        await trx
          .deleteFrom("alert_resolutions")
          .where((eb) =>
            eb(
              eb.refTuple("integration_id", "fingerprint", "starts_at"),
              "in",
              part.map((r) => eb.tuple(r.integration_id, r.fingerprint, r.starts_at)),
            ),
          )
          .execute();
      await ensureResolutionPurge(trx, clock, old.length === purgeChunk ? now : undefined);
    },
  };
}
