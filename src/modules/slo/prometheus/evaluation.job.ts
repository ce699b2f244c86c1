import type { Kysely } from "kysely";
import pino from "pino";
import { type Clock, toIso } from "../../../platform/clock.ts";
import type { Config } from "../../../platform/config/config.ts";
import type { Database } from "../../../platform/db/database.ts";
import type { Tables } from "../../../platform/db/tables.ts";
import { enqueueJob, type JobHandler } from "../../../platform/jobs/index.ts";
import { storeMinuteCounts } from "../events.repository.ts";
import { minuteFloor } from "../windows.ts";
import type { PrometheusTarget } from "./client.ts";
import { minuteMs } from "./counter-math.ts";
import { prometheusUrlFor } from "./datasource.ts";
import { IndicatorQueryError, readMinuteCounts } from "./evaluate.ts";
import { type PrometheusSloRow, prometheusSlos, saveState } from "./state.repository.ts";

/**
 * The Prometheus source as a chain of durable jobs, one a minute while any SLO has a Prometheus indicator.
 * The job itself only schedules the next one (in its transaction) and hands the reading to `afterCommit`,
 * so no HTTP call to Prometheus holds the database writer. If the process dies before or during the
 * reading, the next minute's job starts from each SLO's `evaluated_through` and catches up (up to
 * MAX_CATCH_UP_MS): nothing is lost, and an unreachable Prometheus leaves a gap, never zeros.
 */

export const evaluateJobType = "slo.prometheus.evaluate";
export const EVALUATE_EVERY_MS = 60_000;
/** Minutes younger than this may still receive samples (scrape intervals up to a minute, slow rules). */
export const SETTLE_MS = 2 * minuteMs;
/** An outage longer than this stays a gap: reading further back would take unbounded work. */
export const MAX_CATCH_UP_MS = 6 * 60 * minuteMs;
/** A new SLO starts with the last hour Prometheus holds. */
export const FIRST_READ_MS = 60 * minuteMs;

export interface EvaluationDeps {
  db: Database;
  config: Pick<Config, "prometheusUrl" | "egressAllow">;
  clock: Clock;
  log?: { warn(fields: object, message: string): void };
}

/** Enqueues the evaluation of one minute slot; its key makes every caller in the slot add one job. */
async function enqueueSlot(trx: Kysely<Tables>, clock: Clock, slotMs: number, dueAt = new Date(slotMs)) {
  const slot = toIso(new Date(slotMs));
  await enqueueJob(trx, clock, {
    type: evaluateJobType,
    payload: { slot },
    dueAt,
    key: `${evaluateJobType}:${slot}`,
  });
}

/**
 * Starts (or keeps) the chain: an evaluation now, so a new SLO is read and Prometheus judges its queries
 * within seconds of `opsdeck apply`, and one at the next minute, so the chain lives on even if this
 * minute's job already ran.
 */
export async function ensurePrometheusEvaluation(trx: Kysely<Tables>, clock: Clock): Promise<void> {
  const current = Math.floor(clock.now().getTime() / EVALUATE_EVERY_MS) * EVALUATE_EVERY_MS;
  await enqueueSlot(trx, clock, current, clock.now());
  await enqueueSlot(trx, clock, current + EVALUATE_EVERY_MS);
}

export function prometheusTarget(config: EvaluationDeps["config"]): PrometheusTarget | null {
  return config.prometheusUrl
    ? { baseUrl: config.prometheusUrl, policy: { allow: config.egressAllow } }
    : null;
}

/** Reads and stores the minutes one SLO is missing; records (never throws) what went wrong. */
export async function evaluateSlo(deps: EvaluationDeps, row: PrometheusSloRow): Promise<number> {
  const now = deps.clock.now().getTime();
  const to = minuteFloor(now - SETTLE_MS);
  const resumeAt = row.evaluatedThrough ? Date.parse(row.evaluatedThrough) : minuteFloor(now - FIRST_READ_MS);
  const from = Math.max(resumeAt, minuteFloor(now - MAX_CATCH_UP_MS));
  if (to <= from) return 0;
  const at = toIso(deps.clock.now());
  const fail = (field: string | null, message: string) => {
    // Once per new problem, not once a minute while it lasts: the SLO page shows it all along.
    if (message !== row.lastError)
      deps.log?.warn({ slo: row.def.name, field, error: message }, "SLO Prometheus source failed");
    return deps.db.write((trx) => saveState(trx, row.id, { error: { at, field, message } }));
  };
  const url = await prometheusUrlFor(deps.db.read, row.def.indicator, deps.config.prometheusUrl);
  const target = prometheusTarget({ ...deps.config, prometheusUrl: url });
  if (!target) {
    await fail(null, "no Prometheus configured: set OPSDECK_PROMETHEUS_URL or apply a Prometheus DataSource");
    return 0;
  }
  let rows: Awaited<ReturnType<typeof readMinuteCounts>>;
  try {
    rows = await readMinuteCounts(target, row.def.indicator, from, to);
  } catch (error) {
    if (error instanceof IndicatorQueryError) await fail(error.field, error.message);
    else
      await fail(null, `Prometheus unavailable: ${error instanceof Error ? error.message : String(error)}`);
    return 0;
  }
  await deps.db.write(async (trx) => {
    await storeMinuteCounts(trx, row.def.name, rows);
    await saveState(trx, row.id, { evaluatedThrough: toIso(new Date(to)), success: { at }, error: null });
  });
  return rows.length;
}

/** Evaluates the given Prometheus-indicator SLOs once (the job's after-commit work). */
async function evaluateSlos(deps: EvaluationDeps, slos: PrometheusSloRow[]): Promise<void> {
  for (const row of slos) {
    try {
      await evaluateSlo(deps, row);
    } catch (error) {
      // A storage failure (e.g. the SLO was deleted meanwhile) must not cost the other SLOs their minute;
      // evaluated_through did not move, so the next run retries.
      deps.log?.warn({ slo: row.def.name, error: String(error) }, "SLO Prometheus minutes not stored");
    }
  }
}

export function evaluationHandler(deps: EvaluationDeps): JobHandler {
  return async (trx) => {
    // No Prometheus SLO left: the chain ends; applying one or restarting the server starts it again.
    const slos = await prometheusSlos(trx);
    if (slos.length === 0) return;
    const next = (Math.floor(deps.clock.now().getTime() / EVALUATE_EVERY_MS) + 1) * EVALUATE_EVERY_MS;
    await enqueueSlot(trx, deps.clock, next);
    // The list just read is what this job committed against; reading it again after the commit would
    // parse every SLO a second time each minute.
    return { afterCommit: () => evaluateSlos(deps, slos) };
  };
}

export function defaultEvaluationLog(level: string): EvaluationDeps["log"] {
  return pino({ level, base: { module: "slo.prometheus" } });
}
