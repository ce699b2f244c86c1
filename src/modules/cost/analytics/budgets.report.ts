import Big from "big.js";
import type { Clock } from "../../../platform/clock.ts";
import type { Database } from "../../../platform/db/database.ts";
import { InputError } from "../../../platform/errors.ts";
import type { BudgetSpec, BudgetView, VarianceView } from "./analytics.schema.ts";
import { judgeBudget, variance } from "./budget.ts";
import { allBudgets } from "./budgets.kind.ts";
import { utcDay } from "./days.ts";
import { estimate, money } from "./decimal.ts";
import { forecastNumbers, forecastScope } from "./forecast.service.ts";
import { type Period, parsePeriod, periodContaining } from "./periods.ts";

const filterOf = (spec: BudgetSpec) => ({
  ...(spec.scope.team ? { team: spec.scope.team } : {}),
  ...(spec.scope.service ? { service: spec.scope.service } : {}),
});

/** One budget judged for one period: what the API shows and what alerting acts on. */
export async function judgeBudgetFor(
  db: Database,
  name: string,
  spec: BudgetSpec,
  period: Period,
): Promise<BudgetView> {
  const { total } = await forecastScope(db, {
    periodStart: period.start,
    periodEnd: period.end,
    currency: spec.currency,
    filter: filterOf(spec),
  });
  const numbers = forecastNumbers(total);
  const budget = new Big(spec.amount);
  // Thresholds are judged on the forecast as shown (to the cent), so a page and the screen agree.
  const judgement = judgeBudget(budget, total.actualToDate, new Big(numbers.forecast), spec.thresholds);
  return {
    name,
    scope: { ...spec.scope },
    period: spec.period,
    amount: money(budget),
    currency: spec.currency,
    periodStart: period.start,
    periodEnd: period.end,
    actual: numbers.actualToDate,
    forecast: numbers.forecast,
    forecastLow: numbers.low,
    forecastHigh: numbers.high,
    percentUsed: judgement.percentUsed,
    status: judgement.status,
    thresholds: judgement.thresholds,
  };
}

/** Every budget in its current period (the UTC date of the clock decides which period that is). */
export async function budgetStatuses(
  db: Database,
  clock: Clock,
  budgets?: Map<string, BudgetSpec>,
): Promise<BudgetView[]> {
  const today = utcDay(clock.now());
  const out: BudgetView[] = [];
  for (const [name, spec] of budgets ?? (await allBudgets(db.read)))
    out.push(await judgeBudgetFor(db, name, spec, periodContaining(today, spec.period)));
  return out;
}

/**
 * Budget vs actual vs forecast for the budgets of one period's kind (monthly budgets for `2026-11`,
 * quarterly ones for `2026-Q4`). Variance is forecast - amount; a closed period's forecast is its actual.
 */
export async function varianceReport(db: Database, label: string): Promise<VarianceView> {
  const period = parsePeriod(label);
  if (!period)
    throw new InputError("period must be YYYY-MM or YYYY-Qn", [
      { path: "period", message: "must be YYYY-MM or YYYY-Qn" },
    ]);
  const items: VarianceView["items"] = [];
  for (const [name, spec] of await allBudgets(db.read)) {
    if (spec.period !== period.kind) continue;
    const view = await judgeBudgetFor(db, name, spec, period);
    const v = variance(new Big(spec.amount), new Big(view.forecast));
    items.push({
      name,
      amount: view.amount,
      actual: view.actual,
      forecast: view.forecast,
      variance: estimate(v.variance),
      variancePercent: v.variancePercent,
    });
  }
  return { period: period.label, items };
}
