import type Big from "big.js";
import { addDays, type Day } from "./days.ts";
import { median, medianAbsoluteDeviation, zero } from "./decimal.ts";

/**
 * A robust baseline for one day of one cost series: the median of comparable earlier days and their
 * median absolute deviation. Same-weekday days come first because cloud spend has a weekly rhythm (batch
 * jobs, autoscaling on weekdays); a median and a MAD ignore the odd spike that a mean and a standard
 * deviation would chase. The method is explained, with its numbers, in docs/cost-analytics.md.
 */
export interface BaselineOptions {
  /** Same weekday in the trailing N weeks (d-7, d-14, ... d-7N). */
  seasonalWeeks: number;
  /** Fewer same-weekday days than this and the baseline falls back to all trailing days. */
  minSeasonalSamples: number;
  /** The fallback window: all days d-1 ... d-N. */
  fallbackDays: number;
  /** Fewer earlier days than this and no baseline exists: nothing can be judged yet. */
  minSamples: number;
}

export const defaultBaselineOptions: BaselineOptions = {
  seasonalWeeks: 8,
  minSeasonalSamples: 4,
  fallbackDays: 28,
  minSamples: 7,
};

export interface Baseline {
  method: "weekday" | "trailing";
  samples: Big[];
  /** The median of the samples: what the day was expected to cost. */
  expected: Big;
  /** Median absolute deviation of the samples (unscaled). */
  mad: Big;
}

/**
 * A series is a map from day to amount. A day before `firstDay` (the first day the data covers) is
 * unknown and skipped; a known day missing from the map cost nothing (a service idle that day).
 */
export interface DailySeries {
  amounts: Map<Day, Big>;
  firstDay: Day;
}

function sampleAt(series: DailySeries, day: Day): Big | null {
  if (day < series.firstDay) return null;
  return series.amounts.get(day) ?? zero();
}

function collect(series: DailySeries, days: Day[]): Big[] {
  return days.map((d) => sampleAt(series, d)).filter((v): v is Big => v !== null);
}

export function baselineFor(
  series: DailySeries,
  day: Day,
  options: BaselineOptions = defaultBaselineOptions,
): Baseline | null {
  const sameWeekday = collect(
    series,
    Array.from({ length: options.seasonalWeeks }, (_, i) => addDays(day, -7 * (i + 1))),
  );
  let method: Baseline["method"] = "weekday";
  let samples = sameWeekday;
  if (sameWeekday.length < options.minSeasonalSamples) {
    method = "trailing";
    samples = collect(
      series,
      Array.from({ length: options.fallbackDays }, (_, i) => addDays(day, -(i + 1))),
    );
  }
  if (method === "trailing" && samples.length < options.minSamples) return null;
  const expected = median(samples);
  return { method, samples, expected, mad: medianAbsoluteDeviation(samples, expected) };
}
