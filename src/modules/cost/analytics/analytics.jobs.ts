import { type Kysely, sql } from "kysely";
import type { Clock } from "../../../platform/clock.ts";
import type { Tables } from "../../../platform/db/tables.ts";
import { enqueueJob, type JobHandler, type JobSpec } from "../../../platform/jobs/index.ts";
import type { AppDeps } from "../../../platform/modules.ts";
import { type AnomalyRunSummary, planAnomalies, recordAnomalies } from "./anomalies.service.ts";
import { applyBudgetAlerts, type BudgetAlertSummary, planBudgetAlerts } from "./budgets.alerts.ts";
import type { Day } from "./days.ts";

/** Anomaly detection and budget alerting, in one job so a run sees one state of the data. */
export const costAnalyticsJob = "cost.analytics.evaluate";

/** The periodic run looks every 5 minutes for a new import, and evaluates anyway at the top of each hour. */
const slotMs = 5 * 60 * 1000;

/** The days to evaluate, and for an import's evaluation the ids of the imports it is for. */
export interface EvaluationRange {
  from?: Day;
  to?: Day;
  imports?: string[];
}

interface Payload extends EvaluationRange {
  periodic?: boolean;
}

/** The next periodic run, at the next 5-minute slot; its key makes a second enqueue of it a no-op. */
export function periodicJob(now: Date): JobSpec {
  const due = new Date(Math.floor(now.getTime() / slotMs) * slotMs + slotMs);
  return {
    type: costAnalyticsJob,
    payload: { periodic: true } satisfies Payload,
    dueAt: due,
    key: `cost-analytics:periodic:${due.toISOString()}`,
  };
}

/** `cost_state` key: every import up to this `imported_at` has been covered by a completed evaluation. */
const evaluatedKey = "analytics-evaluated-through";

async function evaluatedThrough(db: Kysely<Tables>): Promise<string> {
  const row = await db
    .selectFrom("cost_state")
    .select("value")
    .where("key", "=", evaluatedKey)
    .executeTakeFirst();
  return row?.value ?? "";
}

/**
 * How far the mark may move once an evaluation of `range` completes, read before the evaluation reads
 * anything (null: not at all). An evaluation of the default window covers every import it can see, as the
 * periodic run always has. An import's evaluation covers only its own days, so it moves the mark only when
 * its imports are the only ones past it: another import, whose own evaluation never ran (the process died
 * after its job committed), keeps the periodic run's durable path open. An explicit range (the CLI's)
 * covers no import.
 */
async function coverage(db: Kysely<Tables>, range: EvaluationRange): Promise<string | null> {
  if (range.to !== undefined || (range.from !== undefined && !range.imports)) return null;
  const newer = await db
    .selectFrom("cost_imports")
    .select(["id", "imported_at"])
    .where("imported_at", ">", await evaluatedThrough(db))
    .orderBy("imported_at", "desc")
    .execute();
  if (newer.some((r) => range.imports && !range.imports.includes(r.id))) return null;
  return newer[0]?.imported_at ?? null;
}

/** Moves the mark forward (never back: a slower, older evaluation finishing last does not undo it). */
async function markEvaluated(trx: Kysely<Tables>, through: string): Promise<void> {
  await trx
    .insertInto("cost_state")
    .values({ key: evaluatedKey, value: through })
    .onConflict((oc) =>
      oc.column("key").doUpdateSet({ value: through }).where("cost_state.value", "<", through),
    )
    .execute();
}

/**
 * `serve` calls this when its worker starts: the first slot evaluates if some import is not evaluated yet,
 * then runs reschedule.
 */
export async function startCostAnalyticsJobs(trx: Kysely<Tables>, deps: AppDeps): Promise<void> {
  await enqueueJob(trx, deps.clock, periodicJob(deps.clock.now()));
}

/**
 * Asks for an evaluation now, in the caller's transaction: an import passes the days it loaded and its
 * imports' ids (and its id as `reason`, so one import evaluates once); a budget change passes nothing.
 */
export async function scheduleCostAnalytics(
  trx: Kysely<Tables>,
  clock: Clock,
  request: EvaluationRange & { reason: string; once?: boolean },
): Promise<void> {
  await enqueueJob(trx, clock, {
    type: costAnalyticsJob,
    payload: { from: request.from, to: request.to, imports: request.imports } satisfies Payload,
    ...(request.once ? { key: `cost-analytics:${request.reason}` } : {}),
  });
}

export interface EvaluationSummary {
  anomalies: AnomalyRunSummary;
  budgets: BudgetAlertSummary;
}

/**
 * One evaluation: anomalies on the given days (default: the recent ones) and budgets. Everything slow
 * (rollup scans, Parquet drill-downs) reads committed data first; then one short transaction stores the
 * outcome, raises the alerts and records which imports are now evaluated, so the SQLite writer is held
 * for milliseconds, not seconds.
 */
export async function evaluateNow(deps: AppDeps, range: EvaluationRange): Promise<EvaluationSummary> {
  const covered = await coverage(deps.db.read, range);
  const anomalies = await planAnomalies(deps, range);
  const budgets = await planBudgetAlerts(deps.db, deps.clock);
  return deps.db.write(async (trx) => {
    const summary = {
      anomalies: await recordAnomalies(trx, deps, anomalies),
      budgets: await applyBudgetAlerts(trx, deps.clock, budgets),
    };
    if (covered) await markEvaluated(trx, covered);
    return summary;
  });
}

/**
 * The job only decides and schedules: the evaluation runs after the job's commit (outside the worker's transaction,
 * which on SQLite is the single writer). If the process dies before it runs, nothing records the imports
 * as evaluated, so the next periodic slot, which looks 45 days back, does the same work: that is the
 * durable path.
 */
export function costAnalyticsJobHandlers(deps: AppDeps): Record<string, JobHandler> {
  return {
    [costAnalyticsJob]: async (trx, payload, job) => {
      const p = payload as Payload;
      if (p.periodic) {
        await enqueueJob(trx, deps.clock, periodicJob(deps.clock.now()));
        // Compared with what completed evaluations covered, not with what the previous slot saw: an import
        // its own evaluation already covered is not evaluated twice, and one whose evaluation was lost
        // (or whose periodic evaluation was) is evaluated at the next slot, whoever imported it.
        const latest = await trx
          .selectFrom("cost_imports")
          .select(sql<string | null>`max(imported_at)`.as("latest"))
          .executeTakeFirst();
        const pending = (latest?.latest ?? "") > (await evaluatedThrough(trx));
        const topOfHour = new Date(job.dueAt).getUTCMinutes() === 0;
        if (!topOfHour && !pending) return;
      }
      const range = { from: p.from, to: p.to, imports: p.imports };
      return { afterCommit: () => evaluateNow(deps, range).then(() => undefined) };
    },
  };
}
