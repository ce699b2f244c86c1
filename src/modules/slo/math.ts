import type { Counts } from "./buckets.ts";
import type { BudgetingMethod, BurnRateCondition } from "./model.ts";

/** The formulas of docs/slo.md ("Formulas"), pure. Every ratio is null when there is nothing to judge. */

/** Occurrences: good / total events. Timeslices: good slices / slices. RatioTimeslices: mean slice ratio. */
export function sliOf(c: Counts, method: BudgetingMethod): number | null {
  if (method === "Occurrences") return c.total > 0 ? c.good / c.total : null;
  return c.slices > 0 ? c.goodSlices / c.slices : null;
}

/** Error rate relative to the budget: 1 means the budget lasts exactly the window. */
export function burnRate(c: Counts, method: BudgetingMethod, objective: number): number | null {
  const sli = sliOf(c, method);
  return sli === null ? null : (1 - sli) / (1 - objective);
}

export interface ErrorBudget {
  /** Bad events (or slices) the objective allows among those seen in the window so far. */
  total: number;
  /** Bad events (or slices) seen. */
  consumed: number;
  /** Fraction of the budget left: 1 untouched, 0 exhausted, negative overspent; null without data. */
  remaining: number | null;
}

export function errorBudget(c: Counts, method: BudgetingMethod, objective: number): ErrorBudget {
  const seen = method === "Occurrences" ? c.total : c.slices;
  const good = method === "Occurrences" ? c.good : c.goodSlices;
  // Rounded to 1e-9: (1 - 0.99) * 60000 is 600.0000000000006 in binary floating point.
  const total = Math.round((1 - objective) * seen * 1e9) / 1e9;
  const consumed = seen - good;
  return { total, consumed, remaining: seen > 0 ? 1 - consumed / total : null };
}

/**
 * Seconds until the remaining budget is gone if errors continue at `rate` (a burn rate): the whole budget
 * of a window of `windowMs` lasts windowMs / rate, the remaining fraction r of it r times as long.
 * 0 when already exhausted, null when nothing burns (or without data).
 */
export function timeToExhaustionSeconds(
  remaining: number | null,
  rate: number | null,
  windowMs: number,
): number | null {
  if (remaining === null) return null;
  if (remaining <= 0) return 0;
  if (rate === null || rate <= 0) return null;
  return (remaining * windowMs) / rate / 1000;
}

/**
 * A burn factor can never ask for an error ratio above 1: with objective 0.9 the highest possible burn rate
 * is 1 / (1 - 0.9) = 10, so a factor of 14.4 could never fire. Capped, a total outage still pages.
 */
export const cappedFactor = (factor: number, objective: number) => Math.min(factor, 1 / (1 - objective));

export interface ConditionResult {
  condition: BurnRateCondition;
  long: number | null;
  short: number | null;
  firing: boolean;
}

/**
 * Multi-window, multi-burn-rate: a condition fires when its long AND short windows both burn at or above
 * the (capped) factor and the long window saw at least `minEvents` events (low-traffic guard).
 */
export function evaluateCondition(
  condition: BurnRateCondition,
  rates: Record<string, number | null>,
  longEvents: number,
  objective: number,
  minEvents: number,
): ConditionResult {
  const long = rates[condition.long] ?? null;
  const short = rates[condition.short] ?? null;
  const factor = cappedFactor(condition.factor, objective);
  const firing =
    long !== null && short !== null && longEvents >= minEvents && long >= factor && short >= factor;
  return { condition, long, short, firing };
}
