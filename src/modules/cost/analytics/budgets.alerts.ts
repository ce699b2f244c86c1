import type { Kysely } from "kysely";
import { type Clock, toIso } from "../../../platform/clock.ts";
import type { Database } from "../../../platform/db/database.ts";
import type { Tables } from "../../../platform/db/tables.ts";
import type { IncomingAlert } from "../../alerts/index.ts";
import { raiseInternalAlerts } from "../../alerts/index.ts";
import type { BudgetSpec, BudgetView } from "./analytics.schema.ts";
import { budgetAlertFingerprint, type Threshold } from "./budget.ts";
import { allBudgets } from "./budgets.kind.ts";
import { budgetStatuses } from "./budgets.report.ts";
import { periodContaining } from "./periods.ts";

export interface BudgetAlertSummary {
  raised: number;
  resolved: number;
  /** Budgets whose integration does not exist: judged, but nobody could be told. */
  undelivered: string[];
}

function thresholdAlert(
  view: BudgetView,
  label: string,
  t: Threshold,
  action: "firing" | "resolved",
  now: string,
): IncomingAlert {
  const measured = t.of === "actual" ? view.actual : view.forecast;
  return {
    fingerprint: budgetAlertFingerprint(view.name, label, t),
    action,
    title: `Budget ${view.name}: ${t.of} spend ${measured} ${view.currency} crossed ${t.percent}% of ${view.amount}`,
    description:
      `Period ${view.periodStart} to ${view.periodEnd}: actual ${view.actual}, forecast ${view.forecast} ` +
      `(${view.forecastLow} to ${view.forecastHigh}) against a budget of ${view.amount} ${view.currency}.`,
    labels: {
      alertname: "CostBudgetThreshold",
      budget: view.name,
      period: label,
      threshold: String(t.percent),
      of: t.of,
      ...(view.scope.team ? { team: view.scope.team } : {}),
      ...(view.scope.service ? { service: view.scope.service } : {}),
    },
    annotations: { status: view.status, percentUsed: String(view.percentUsed) },
    links: [],
    severity: null,
    startsAt: now,
    endsAt: action === "resolved" ? now : null,
    sourceUrl: null,
    runbookUrl: null,
  };
}

const periodLabel = (view: BudgetView) => periodContaining(view.periodStart, view.period).label;

/** The budgets and their judgement now, read from committed data before any write. */
export interface BudgetPlan {
  budgets: Map<string, BudgetSpec>;
  views: BudgetView[];
}

export async function planBudgetAlerts(db: Database, clock: Clock): Promise<BudgetPlan> {
  const budgets = await allBudgets(db.read);
  return { budgets, views: await budgetStatuses(db, clock, budgets) };
}

/**
 * Raises an alert for every threshold crossed in a budget's current period and resolves the ones no
 * longer crossed (a forecast that came back down, or a period that ended). `cost_budget_alerts` remembers
 * what was raised, so each crossing alerts once however often this runs.
 */
export async function applyBudgetAlerts(
  trx: Kysely<Tables>,
  clock: Clock,
  { budgets, views }: BudgetPlan,
): Promise<BudgetAlertSummary> {
  const now = toIso(clock.now());
  const summary: BudgetAlertSummary = { raised: 0, resolved: 0, undelivered: [] };
  const current = new Set<string>();
  for (const view of views) {
    const integration = (budgets.get(view.name) as BudgetSpec).integration;
    // A budget without an integration is only reported; its earlier alerts are resolved below.
    if (!integration) continue;
    const label = periodLabel(view);
    for (const t of view.thresholds) {
      const fingerprint = budgetAlertFingerprint(view.name, label, t);
      current.add(fingerprint);
      const row = await trx
        .selectFrom("cost_budget_alerts")
        .selectAll()
        .where("fingerprint", "=", fingerprint)
        .executeTakeFirst();
      // An undelivered crossing is not open: it is retried until the integration exists.
      if (t.breached === (row?.state === "firing")) continue;
      const action = t.breached ? "firing" : "resolved";
      const outcomes = await raiseInternalAlerts(trx, clock, integration, [
        thresholdAlert(view, label, t, action, now),
      ]);
      if (!outcomes) summary.undelivered.push(view.name);
      const state = outcomes ? action : "undelivered";
      const values = {
        state,
        integration,
        alert_id: outcomes?.[0]?.alertId ?? row?.alert_id ?? null,
        resolved_at: action === "resolved" ? now : null,
      };
      // Keyed by fingerprint: a concurrent evaluation that wrote the row first is overwritten, not duplicated.
      await trx
        .insertInto("cost_budget_alerts")
        .values({ fingerprint, budget: view.name, period: label, raised_at: now, ...values })
        .onConflict((oc) => oc.column("fingerprint").doUpdateSet(values))
        .execute();
      if (outcomes) summary[action === "firing" ? "raised" : "resolved"] += 1;
    }
  }
  await resolveStale(trx, clock, current, summary);
  return summary;
}

/**
 * Alerts of an ended period, a removed threshold, or a budget deleted or left without an integration are
 * resolved (through the integration that raised them), not left open.
 */
async function resolveStale(
  trx: Kysely<Tables>,
  clock: Clock,
  current: Set<string>,
  summary: BudgetAlertSummary,
) {
  const now = toIso(clock.now());
  const open = await trx.selectFrom("cost_budget_alerts").selectAll().where("state", "=", "firing").execute();
  for (const row of open) {
    if (current.has(row.fingerprint)) continue;
    const [, , , of = "", percent = ""] = row.fingerprint.split(":");
    await raiseInternalAlerts(trx, clock, row.integration, [
      {
        fingerprint: row.fingerprint,
        action: "resolved",
        title: `Budget ${row.budget}: threshold no longer watched (period ${row.period})`,
        description: "",
        labels: {
          alertname: "CostBudgetThreshold",
          budget: row.budget,
          period: row.period,
          threshold: percent,
          of,
        },
        annotations: {},
        links: [],
        severity: null,
        startsAt: row.raised_at,
        endsAt: now,
        sourceUrl: null,
        runbookUrl: null,
      },
    ]);
    await trx
      .updateTable("cost_budget_alerts")
      .set({ state: "resolved", resolved_at: now })
      .where("fingerprint", "=", row.fingerprint)
      .execute();
    summary.resolved += 1;
  }
}
