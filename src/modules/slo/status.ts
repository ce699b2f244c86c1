import type { Counts } from "./buckets.ts";
import { burnRate, type ErrorBudget, errorBudget, sliOf, timeToExhaustionSeconds } from "./math.ts";
import { type BurnRateWindow, burnRateWindows, type SloDefinition } from "./model.ts";
import { describeWindow, minuteFloor, sloPeriod } from "./windows.ts";

/** Counts of [fromMs, toMs): from stored minutes (aggregate.ts) or from incident downtime (incidents.ts). */
export type CountSource = (fromMs: number, toMs: number) => Counts;

export interface SloStatus {
  at: string;
  sli: number | null;
  objective: number;
  window: { from: string; to: string; text: string };
  errorBudget: ErrorBudget;
  burnRates: Record<BurnRateWindow, number | null>;
  timeToExhaustionSeconds: number | null;
  events: { good: number; total: number };
  dataGap: boolean;
}

/** How long without any data before the status says so (a source stopped, Prometheus unreachable). */
export const dataGapMinutes = 10;

export function burnRatesAt(def: SloDefinition, source: CountSource, toMs: number) {
  const rates = {} as Record<BurnRateWindow, number | null>;
  const events = {} as Record<BurnRateWindow, number>;
  for (const [name, minutes] of Object.entries(burnRateWindows) as [BurnRateWindow, number][]) {
    const c = source(toMs - minutes * 60_000, toMs);
    rates[name] = burnRate(c, def.budgetingMethod, def.objective);
    events[name] = def.budgetingMethod === "Occurrences" ? c.total : c.slices;
  }
  return { rates, events };
}

/** The status of one SLO as of `atMs`: pure, given where its counts come from. */
export function computeStatus(
  def: SloDefinition,
  source: CountSource,
  atMs: number,
  options: { gapDetection: boolean } = { gapDetection: true },
): SloStatus {
  const period = sloPeriod(def.window, atMs);
  const to = minuteFloor(atMs);
  const counts = source(period.from, period.to);
  const budget = errorBudget(counts, def.budgetingMethod, def.objective);
  const { rates } = burnRatesAt(def, source, to);
  const recent = options.gapDetection ? source(to - dataGapMinutes * 60_000, to).minutes : 1;
  return {
    at: new Date(to).toISOString(),
    sli: sliOf(counts, def.budgetingMethod),
    objective: def.objective,
    window: {
      from: new Date(period.from).toISOString(),
      to: new Date(period.to).toISOString(),
      text: describeWindow(def.window),
    },
    errorBudget: budget,
    burnRates: rates,
    timeToExhaustionSeconds: timeToExhaustionSeconds(budget.remaining, rates["1h"], period.lengthMs),
    events: { good: counts.good, total: counts.total },
    dataGap: recent === 0,
  };
}
