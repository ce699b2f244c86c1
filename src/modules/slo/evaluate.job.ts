import type { Kysely } from "kysely";
import type { Clock } from "../../platform/clock.ts";
import type { Database } from "../../platform/db/database.ts";
import type { Tables } from "../../platform/db/tables.ts";
import { enqueueJob, type JobHandler } from "../../platform/jobs/index.ts";
import { applyBurnState, judge } from "./burn-alerts.ts";
import { type BurnRateWindow, burnRateWindows } from "./model.ts";
import { allSlos, type SloRow } from "./slo.repository.ts";
import { forEachChunk } from "./sources.ts";
import { burnRatesAt, dataGapMinutes } from "./status.ts";
import { minuteFloor } from "./windows.ts";

export const evaluateJobType = "slo.evaluate";

/** Minute blocks older than this are pruned: enough for the 1d window's first hour (ADR 10). */
export const minuteRetentionMs = 25 * 3_600_000;
/** Day rows older than this are pruned: a quarter plus margin. */
export const dayRetentionMs = 100 * 86_400_000;

/** One evaluation per minute, keyed by its minute: a second enqueue of the same minute adds nothing. */
export async function enqueueEvaluation(trx: Kysely<Tables>, clock: Clock): Promise<void> {
  const due = new Date(minuteFloor(clock.now().getTime()) + 60_000);
  await enqueueJob(trx, clock, {
    type: evaluateJobType,
    payload: { minute: due.toISOString() },
    dueAt: due,
    key: `slo.evaluate:${due.toISOString()}`,
  });
}

interface Verdict {
  slo: SloRow;
  rates: Record<BurnRateWindow, number | null>;
  events: Record<BurnRateWindow, number>;
}

/** Something to write: a severity that fires (a re-send dedups) or that fired and may resolve now. */
const needsWrite = ({ slo, rates, events }: Verdict) =>
  slo.pageSince !== null ||
  slo.ticketSince !== null ||
  judge(slo.def, "page", rates, events) !== null ||
  judge(slo.def, "ticket", rates, events) !== null;

/**
 * Evaluates every SLO's burn rates as of `atMs` and applies alert transitions. Reading and computing run
 * outside any write transaction (on SQLite the single writer stays free for alert intake); only SLOs
 * with something to write take it, 200 at a time. An SLO whose source sent nothing for
 * `dataGapMinutes` is skipped (its alert state is held): no data is never a page, nor a resolve.
 */
export async function evaluateAll(db: Database, clock: Clock, atMs: number) {
  const to = minuteFloor(atMs);
  const slos = await allSlos(db.read);
  const ranges = (): [number, number][] => [
    ...Object.values(burnRateWindows).map((m): [number, number] => [to - m * 60_000, to]),
    [to - dataGapMinutes * 60_000, to],
  ];
  let evaluated = 0;
  const writes: Verdict[] = [];
  await forEachChunk(db, db.read, slos, ranges, (slo, source) => {
    if (slo.def.indicator.kind !== "incidents" && source(to - dataGapMinutes * 60_000, to).minutes === 0)
      return;
    const verdict = { slo, ...burnRatesAt(slo.def, source, to) };
    evaluated++;
    if (needsWrite(verdict)) writes.push(verdict);
  });
  for (let i = 0; i < writes.length; i += 200)
    await db.write(async (trx) => {
      for (const v of writes.slice(i, i + 200)) await applyBurnState(trx, clock, v.slo, v.rates, v.events);
    });
  return { slos: slos.length, evaluated, written: writes.length };
}

export async function pruneOldCounts(trx: Kysely<Tables>, atMs: number): Promise<void> {
  const hour = new Date(Math.floor((atMs - minuteRetentionMs) / 3_600_000) * 3_600_000).toISOString();
  await trx.deleteFrom("slo_minute_blocks").where("hour", "<", hour).execute();
  const day = new Date(atMs - dayRetentionMs).toISOString().slice(0, 10);
  await trx.deleteFrom("slo_days").where("day", "<", day).execute();
}

/**
 * The job only schedules the next minute in its transaction; the evaluation runs after commit, outside the
 * writer. If the process dies before it finishes, nothing is lost: evaluation is computed from state, and
 * the next minute's job (already committed) evaluates again.
 */
export function sloJobHandlers(db: Database, clock: Clock): Record<string, JobHandler> {
  return {
    [evaluateJobType]: async (trx) => {
      const now = clock.now().getTime();
      await enqueueEvaluation(trx, clock);
      return {
        afterCommit: async () => {
          await evaluateAll(db, clock, now);
          // Pruning scans the blocks (no index on hour: one would mislead the bulk reads' query plans),
          // so it runs once an hour; a skipped minute only delays it.
          if (new Date(now).getUTCMinutes() === 5) await db.write((w) => pruneOldCounts(w, now));
        },
      };
    },
  };
}
