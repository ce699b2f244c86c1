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

interface Payload {
  periodic?: boolean;
  /** Periodic runs: the newest import the previous run saw (its `imported_at`), null for none. */
  lastImport?: string | null;
  from?: Day;
  to?: Day;
}

/** The next periodic run, at the next 5-minute slot; its key makes a second enqueue of it a no-op. */
export function periodicJob(now: Date, lastImport: string | null): JobSpec {
  const due = new Date(Math.floor(now.getTime() / slotMs) * slotMs + slotMs);
  return {
    type: costAnalyticsJob,
    payload: { periodic: true, lastImport } satisfies Payload,
    dueAt: due,
    key: `cost-analytics:periodic:${due.toISOString()}`,
  };
}

async function latestImport(db: Kysely<Tables>): Promise<string | null> {
  const row = await db
    .selectFrom("cost_imports")
    .select(sql<string | null>`max(imported_at)`.as("latest"))
    .executeTakeFirst();
  return row?.latest ?? null;
}

/** `serve` calls this when its worker starts: the first slot evaluates if there is data, then runs reschedule. */
export async function startCostAnalyticsJobs(trx: Kysely<Tables>, deps: AppDeps): Promise<void> {
  await enqueueJob(trx, deps.clock, periodicJob(deps.clock.now(), null));
}

/**
 * Asks for an evaluation now, in the caller's transaction: an import passes the days it loaded (and its id
 * as `reason`, so one import evaluates once); a budget change passes nothing.
 */
export async function scheduleCostAnalytics(
  trx: Kysely<Tables>,
  clock: Clock,
  request: { reason: string; from?: Day; to?: Day; once?: boolean },
): Promise<void> {
  await enqueueJob(trx, clock, {
    type: costAnalyticsJob,
    payload: { from: request.from, to: request.to } satisfies Payload,
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
 * outcome and raises the alerts, so the SQLite writer is held for milliseconds, not seconds.
 */
export async function evaluateNow(
  deps: AppDeps,
  range: { from?: Day; to?: Day },
): Promise<EvaluationSummary> {
  const anomalies = await planAnomalies(deps, range);
  const budgets = await planBudgetAlerts(deps.db, deps.clock);
  return deps.db.write(async (trx) => ({
    anomalies: await recordAnomalies(trx, deps, anomalies),
    budgets: await applyBudgetAlerts(trx, deps.clock, budgets),
  }));
}

/**
 * The job only decides and schedules: the evaluation runs after the job's commit (outside the worker's transaction,
 * which on SQLite is the single writer). If the process dies before it runs, the next hourly run, which
 * looks 45 days back, does the same work: that is the durable path.
 */
export function costAnalyticsJobHandlers(deps: AppDeps): Record<string, JobHandler> {
  return {
    [costAnalyticsJob]: async (trx, payload, job) => {
      const p = payload as Payload;
      if (p.periodic) {
        // An import seen here for the first time is evaluated within 5 minutes, whoever imported it.
        const latest = await latestImport(trx);
        await enqueueJob(trx, deps.clock, periodicJob(deps.clock.now(), latest));
        const topOfHour = new Date(job.dueAt).getUTCMinutes() === 0;
        if (!topOfHour && latest === (p.lastImport ?? null)) return;
      }
      return { afterCommit: () => evaluateNow(deps, { from: p.from, to: p.to }).then(() => undefined) };
    },
  };
}
