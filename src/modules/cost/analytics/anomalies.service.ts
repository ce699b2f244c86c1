import Big from "big.js";
import type { Kysely } from "kysely";
import { toIso } from "../../../platform/clock.ts";
import type { Tables } from "../../../platform/db/tables.ts";
import { newId } from "../../../platform/ids.ts";
import type { AppDeps } from "../../../platform/modules.ts";
import { raiseInternalAlerts } from "../../alerts/index.ts";
import type { RollupDimension } from "../cost.query.ts";
import { type RawContext, rawContext } from "../parquet.query.ts";
import { currenciesIn, dailySeries, dataBounds } from "./analytics.repository.ts";
import { type AnomalyDimension, type AnomalyPolicySpec, anomalyDimensions } from "./analytics.schema.ts";
import { anomalyAlert, anomalyDrivers, anomalyResolved, type Driver } from "./anomaly.alerts.ts";
import { type AnomalyFinding, type AnomalyThresholds, detectInSeries } from "./anomaly.ts";
import { anomalyPolicy } from "./budgets.kind.ts";
import { addDays, type Day, dayRange, maxDay, minDay } from "./days.ts";
import { money } from "./decimal.ts";

const rollupOf: Record<AnomalyDimension, RollupDimension> = {
  serviceName: "serviceName",
  subAccount: "subAccount",
  team: "team",
};

/** Only anomalies this close to the newest data page someone; older ones found in a backfill are listed. */
export const alertWindowDays = 7;
/** Eight weeks of same weekdays: the longest look-back a baseline needs. */
const historyDays = 56;
const chunkDays = 300;
/** Without a range, the last 45 days of data are re-checked: a re-imported month restates its days. */
const defaultLookbackDays = 45;

export interface AnomalyRunSummary {
  found: number;
  added: number;
  alerted: number;
}

interface Candidate {
  dimension: AnomalyDimension;
  key: string;
  currency: string;
  finding: AnomalyFinding;
  /** Looked up for anomalies not stored yet; stored ones keep theirs. */
  drivers: Driver[] | null;
}

/** What a detection found, computed from committed data before any write: see `recordAnomalies`. */
export interface AnomalyPlan {
  policy: AnomalyPolicySpec;
  alertFrom: Day;
  candidates: Candidate[];
}

const identity = (c: { dimension: string; key: string; currency: string; day: string }) =>
  `${c.dimension}\u0000${c.key}\u0000${c.currency}\u0000${c.day}`;

/**
 * Detects anomalies on the days [from, to] the data covers (default: its last 45 days), per service name, sub-account and allocated
 * team, in each currency, and looks up the drivers of the ones not stored yet. Reads only (rollups,
 * Parquet), so the slow part never holds the writer.
 */
export async function planAnomalies(deps: AppDeps, range: { from?: Day; to?: Day }): Promise<AnomalyPlan> {
  const policy = await anomalyPolicy(deps.db.read);
  const bounds = await dataBounds(deps.db.read);
  const plan: AnomalyPlan = { policy, alertFrom: "", candidates: [] };
  if (!bounds) return plan;
  plan.alertFrom = addDays(bounds.last, -(alertWindowDays - 1));
  const from = maxDay(range.from ?? addDays(bounds.last, -(defaultLookbackDays - 1)), bounds.first);
  const to = minDay(range.to ?? bounds.last, bounds.last);
  const thresholds = {
    minImpact: new Big(policy.minImpact),
    minRelative: policy.minRelative,
    minDeviation: policy.minDeviation,
  };
  // Long ranges (a year imported at once) go in chunks: the rollup query reads at most 400 days at a time.
  for (let start = from; start <= to; start = addDays(start, chunkDays)) {
    const end = minDay(addDays(start, chunkDays - 1), to);
    plan.candidates.push(...(await detectChunk(deps, thresholds, bounds.first, start, end)));
  }
  if (plan.candidates.length === 0) return plan;
  const stored = await deps.db.read
    .selectFrom("cost_anomalies")
    .select(["dimension", "key", "currency", "day"])
    .where("day", ">=", from)
    .where("day", "<=", to)
    .execute();
  const known = new Set(stored.map(identity));
  // Files, allocation and catalog for the drill-downs: read once for all new anomalies, when one needs it.
  let raw: Promise<RawContext> | undefined;
  const context = () => {
    raw ??= rawContext(deps);
    return raw;
  };
  for (const c of plan.candidates) {
    if (!known.has(identity({ ...c, day: c.finding.day })))
      c.drivers = await anomalyDrivers(deps, c.dimension, c.key, c.finding.day, context);
  }
  return plan;
}

async function detectChunk(
  deps: AppDeps,
  thresholds: AnomalyThresholds,
  firstDay: Day,
  from: Day,
  to: Day,
): Promise<Candidate[]> {
  const out: Candidate[] = [];
  const days = dayRange(from, to);
  const historyFrom = maxDay(firstDay, addDays(from, -historyDays));
  for (const currency of await currenciesIn(deps.db.read, from, to)) {
    for (const dimension of anomalyDimensions) {
      const groupBy = rollupOf[dimension];
      const series = await dailySeries(deps.db, { from: historyFrom, to, currency, firstDay, groupBy });
      for (const [key, s] of series) {
        // Unallocated spend is not a team; its jumps show up under service name and sub-account.
        if (dimension === "team" && key === "(unallocated)") continue;
        for (const finding of detectInSeries(s, days, thresholds))
          out.push({ dimension, key, currency, finding, drivers: null });
      }
    }
  }
  return out;
}

/**
 * Stores a plan in one short transaction. A series and day stored before keeps its id and alert (its
 * numbers follow a restated bill); a new one is inserted and, when recent and the policy names an
 * integration, alerted. A concurrent run that stored it first wins the insert; this one then updates.
 */
export async function recordAnomalies(
  trx: Kysely<Tables>,
  deps: AppDeps,
  plan: AnomalyPlan,
): Promise<AnomalyRunSummary> {
  const summary: AnomalyRunSummary = { found: plan.candidates.length, added: 0, alerted: 0 };
  const now = toIso(deps.clock.now());
  for (const { dimension, key, currency, finding: f, drivers } of plan.candidates) {
    const numbers = {
      actual: money(f.actual),
      expected: money(f.expected),
      impact: money(f.impact),
      deviation: f.deviation,
      method: f.method,
      updated_at: now,
    };
    const inserted = await trx
      .insertInto("cost_anomalies")
      .values({
        id: newId(deps.clock.now()),
        day: f.day,
        dimension,
        key,
        currency,
        ...numbers,
        drivers_json: JSON.stringify(drivers ?? []),
        alert_id: null,
        detected_at: now,
      })
      .onConflict((oc) => oc.columns(["dimension", "key", "currency", "day"]).doNothing())
      .returning("id")
      .executeTakeFirst();
    if (inserted) summary.added += 1;
    const row = await trx
      .selectFrom("cost_anomalies")
      .select(["id", "alert_id", "drivers_json"])
      .where("dimension", "=", dimension)
      .where("key", "=", key)
      .where("currency", "=", currency)
      .where("day", "=", f.day)
      .executeTakeFirstOrThrow();
    if (!inserted) await trx.updateTable("cost_anomalies").set(numbers).where("id", "=", row.id).execute();
    if (row.alert_id || !plan.policy.integration || f.day < plan.alertFrom) continue;
    const alert = anomalyAlert({
      id: row.id,
      day: f.day,
      dimension,
      key,
      currency,
      ...numbers,
      drivers: JSON.parse(row.drivers_json),
    });
    const outcomes = await raiseInternalAlerts(trx, deps.clock, plan.policy.integration, [alert]);
    const alertId = outcomes?.[0]?.alertId ?? null;
    // No such integration: the anomaly stays without an alert and the next run tries again.
    if (!alertId) continue;
    await trx.updateTable("cost_anomalies").set({ alert_id: alertId }).where("id", "=", row.id).execute();
    summary.alerted += 1;
  }
  await resolveAgedAlerts(trx, deps, plan);
  return summary;
}

/** How far back, before the paging window, aged anomaly alerts are still sent their resolve. */
const resolveLookbackDays = 30;

/**
 * An anomaly pages while its day is within the last 7 days of the data; after that its alert resolves
 * (and its incident with it, per the service's policy), so a one-day spike does not stay open forever.
 * Resolves of alerts already closed are ignored by intake, so each run may send them again.
 */
async function resolveAgedAlerts(trx: Kysely<Tables>, deps: AppDeps, plan: AnomalyPlan): Promise<void> {
  if (!plan.policy.integration || !plan.alertFrom) return;
  const aged = await trx
    .selectFrom("cost_anomalies")
    .select(["dimension", "key", "currency", "day"])
    .where("alert_id", "is not", null)
    .where("day", "<", plan.alertFrom)
    .where("day", ">=", addDays(plan.alertFrom, -resolveLookbackDays))
    .execute();
  if (aged.length === 0) return;
  const at = toIso(deps.clock.now());
  await raiseInternalAlerts(
    trx,
    deps.clock,
    plan.policy.integration,
    aged.map((a) => anomalyResolved({ ...a, dimension: a.dimension as AnomalyDimension }, at)),
  );
}
