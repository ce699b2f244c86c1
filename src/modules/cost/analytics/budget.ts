import Big from "big.js";
import { ratio } from "./decimal.ts";

/**
 * Budget judgement, pure: given the amount, the actual and the forecast of one period, which thresholds
 * are crossed and what the budget's status is.
 */
export interface Threshold {
  percent: number;
  of: "actual" | "forecast";
}

export interface ThresholdState extends Threshold {
  breached: boolean;
}

export type BudgetStatus = "ok" | "at-risk" | "over";

export interface BudgetJudgement {
  thresholds: ThresholdState[];
  status: BudgetStatus;
  /** actual / amount x 100, one decimal. */
  percentUsed: number;
}

/** The amount at which a threshold trips: amount x percent / 100, exact. */
export function thresholdAmount(budget: Big, percent: number): Big {
  return budget.times(new Big(percent)).div(100);
}

/**
 * `over`: actual spend above the amount. `at-risk`: not over, but the forecast is above the amount or a
 * threshold is crossed (a team that set an 80 % warning wants to see it). `ok` otherwise.
 */
export function judgeBudget(
  budget: Big,
  actual: Big,
  forecast: Big,
  thresholds: Threshold[],
): BudgetJudgement {
  const states = thresholds.map((t) => ({
    ...t,
    breached: (t.of === "actual" ? actual : forecast).gte(thresholdAmount(budget, t.percent)),
  }));
  const status: BudgetStatus = actual.gt(budget)
    ? "over"
    : forecast.gt(budget) || states.some((t) => t.breached)
      ? "at-risk"
      : "ok";
  return { thresholds: states, status, percentUsed: Math.round(ratio(actual, budget, 6) * 1000) / 10 };
}

/** Stable per budget, period and threshold: a re-evaluation that still breaches raises nothing new. */
export function budgetAlertFingerprint(budget: string, periodLabel: string, t: Threshold): string {
  return `cost-budget:${budget}:${periodLabel}:${t.of}:${t.percent}`;
}

export interface Variance {
  /** forecast - amount (the forecast equals the actual once the period is over). */
  variance: Big;
  /** variance / amount x 100, one decimal. */
  variancePercent: number;
}

export function variance(budget: Big, forecast: Big): Variance {
  const v = forecast.minus(budget);
  return { variance: v, variancePercent: Math.round(ratio(v, budget, 6) * 1000) / 10 };
}
