import Big from "big.js";
import {
  type Baseline,
  type BaselineOptions,
  baselineFor,
  type DailySeries,
  defaultBaselineOptions,
} from "./baseline.ts";
import type { Day } from "./days.ts";
import { zero } from "./decimal.ts";

/**
 * When a day's cost is an anomaly: all three tests must pass. The robust z-score alone flags cents on a
 * quiet series; the money floor alone flags the normal noise of a big one; the relative floor keeps a
 * large account's ordinary wobble out. Increases only: a drop in spend is rarely a page.
 */
export interface AnomalyThresholds {
  /** Minimum impact (actual - expected), in the series' currency. */
  minImpact: Big;
  /** Minimum impact relative to expected (0.2 = 20 % above the baseline). */
  minRelative: number;
  /** Minimum robust z-score: impact / (1.4826 x MAD). 3.5 is Iglewicz and Hoaglin's cut-off. */
  minDeviation: number;
}

export const defaultThresholds: AnomalyThresholds = {
  minImpact: new Big("100"),
  minRelative: 0.2,
  minDeviation: 3.5,
};

/** 1.4826 x MAD estimates the standard deviation of normally distributed data. */
export const madToSigma = 1.4826;

/**
 * A flat baseline has MAD 0, and any change would be infinitely many deviations away. The spread is floored
 * at 1 % of the expected amount (and one cent), so the z-score stays finite and the money and relative
 * floors decide.
 */
export function robustScale(baseline: Baseline): number {
  const floor = Math.max(Math.abs(Number(baseline.expected)) * 0.01, 0.01);
  return Math.max(madToSigma * Number(baseline.mad), floor);
}

export interface AnomalyFinding {
  day: Day;
  actual: Big;
  expected: Big;
  impact: Big;
  /** Robust z-score, rounded to two decimals. */
  deviation: number;
  method: Baseline["method"];
}

/** Judges one day against its baseline; null when it is not an anomaly. */
export function judgeDay(
  day: Day,
  actual: Big,
  baseline: Baseline,
  thresholds: AnomalyThresholds = defaultThresholds,
): AnomalyFinding | null {
  const impact = actual.minus(baseline.expected);
  if (impact.lte(0) || impact.lt(thresholds.minImpact)) return null;
  // A series that cost nothing before is infinitely far above it: the money floor alone decides.
  if (baseline.expected.gt(0) && Number(impact.div(baseline.expected)) < thresholds.minRelative) return null;
  const deviation = Number(impact) / robustScale(baseline);
  if (deviation < thresholds.minDeviation) return null;
  return {
    day,
    actual,
    expected: baseline.expected,
    impact,
    deviation: Math.round(deviation * 100) / 100,
    method: baseline.method,
  };
}

/** Every anomalous day among `days` of one series (each judged against the days before it). */
export function detectInSeries(
  series: DailySeries,
  days: Day[],
  thresholds: AnomalyThresholds = defaultThresholds,
  options: BaselineOptions = defaultBaselineOptions,
): AnomalyFinding[] {
  const out: AnomalyFinding[] = [];
  for (const day of days) {
    if (day < series.firstDay) continue;
    const baseline = baselineFor(series, day, options);
    if (!baseline) continue;
    const finding = judgeDay(day, series.amounts.get(day) ?? zero(), baseline, thresholds);
    if (finding) out.push(finding);
  }
  return out;
}
