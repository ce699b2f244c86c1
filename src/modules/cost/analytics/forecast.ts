import Big from "big.js";
import type { DailySeries } from "./baseline.ts";
import { addDays, type Day, dayRange, maxDay, minDay, weekday } from "./days.ts";
import { total, zero } from "./decimal.ts";

/**
 * Period-end spend = actual to date + a run rate for each remaining day, where the run rate is the mean
 * of the same weekday over the trailing window (the flat mean when some weekday has too few days). The
 * interval comes from the spread of the daily residuals around that fit; docs/cost-analytics.md gives
 * the formulas and why they were chosen.
 */
export interface ForecastOptions {
  /** Trailing days, ending on the last observed day, that the run rate is measured on. */
  windowDays: number;
  /** Below this many days of some weekday in the window, the weekday profile is dropped for a flat mean. */
  minWeekdaySamples: number;
  /** Two-sided normal quantile of the interval: 1.645 for 90 %. */
  z: number;
}

export const defaultForecastOptions: ForecastOptions = { windowDays: 28, minWeekdaySamples: 2, z: 1.645 };

export interface ForecastInput {
  periodStart: Day;
  /** Last day of the period, included. */
  periodEnd: Day;
  /** The last day the billing data covers (over all series), or null when there is none. */
  observedThrough: Day | null;
  series: DailySeries;
}

export interface Forecast {
  actualToDate: Big;
  forecast: Big;
  low: Big;
  high: Big;
  remainingDays: number;
  /** `complete`: the data covers the whole period; `no-history`: nothing to extrapolate from. */
  method: "weekday" | "flat" | "complete" | "no-history";
}

const valueOn = (series: DailySeries, day: Day): Big => series.amounts.get(day) ?? zero();

interface RunRate {
  method: "weekday" | "flat";
  /** Expected cost of a day by ISO weekday (1-7). */
  perWeekday: Map<number, Big>;
  /** Samples behind each weekday's rate (the flat rate uses all of them for every weekday). */
  samplesPerWeekday: Map<number, number>;
  /** Standard deviation of the residuals, with the fitted means' degrees of freedom taken off. */
  sigma: number;
}

function runRate(window: Day[], series: DailySeries, options: ForecastOptions): RunRate {
  const byWeekday = new Map<number, Big[]>();
  for (const d of window)
    byWeekday.set(weekday(d), [...(byWeekday.get(weekday(d)) ?? []), valueOn(series, d)]);
  const seasonal =
    byWeekday.size === 7 && [...byWeekday.values()].every((v) => v.length >= options.minWeekdaySamples);
  const perWeekday = new Map<number, Big>();
  const samplesPerWeekday = new Map<number, number>();
  if (seasonal) {
    for (const [w, values] of byWeekday) {
      perWeekday.set(w, total(values).div(values.length));
      samplesPerWeekday.set(w, values.length);
    }
  } else {
    const flat = total(window.map((d) => valueOn(series, d))).div(window.length);
    for (let w = 1; w <= 7; w++) {
      perWeekday.set(w, flat);
      samplesPerWeekday.set(w, window.length);
    }
  }
  const residuals = window.map((d) => Number(valueOn(series, d).minus(perWeekday.get(weekday(d)) ?? zero())));
  const degrees = window.length - (seasonal ? 7 : 1);
  const sigma = degrees > 0 ? Math.sqrt(residuals.reduce((s, r) => s + r * r, 0) / degrees) : 0;
  return { method: seasonal ? "weekday" : "flat", perWeekday, samplesPerWeekday, sigma };
}

export function forecastPeriod(
  input: ForecastInput,
  options: ForecastOptions = defaultForecastOptions,
): Forecast {
  const { periodStart, periodEnd, observedThrough, series } = input;
  const observedEnd = observedThrough ? minDay(observedThrough, periodEnd) : null;
  const actualToDate =
    observedEnd && observedEnd >= periodStart
      ? total(dayRange(periodStart, observedEnd).map((d) => valueOn(series, d)))
      : zero();
  const remaining = dayRange(
    observedThrough ? maxDay(addDays(observedThrough, 1), periodStart) : periodStart,
    periodEnd,
  );
  const settled = (method: Forecast["method"]): Forecast => ({
    actualToDate,
    forecast: actualToDate,
    low: actualToDate,
    high: actualToDate,
    remainingDays: remaining.length,
    method,
  });
  if (remaining.length === 0) return settled("complete");
  if (!observedThrough || observedThrough < series.firstDay) return settled("no-history");
  const window = dayRange(
    maxDay(addDays(observedThrough, -(options.windowDays - 1)), series.firstDay),
    observedThrough,
  );
  const rate = runRate(window, series, options);
  const predicted = total(remaining.map((d) => rate.perWeekday.get(weekday(d)) ?? zero()));
  // Variance of the remaining sum: each day's own noise, plus the error of each weekday's mean, which
  // every remaining day of that weekday shares (so it adds up with the square of their count).
  const remainingPerWeekday = new Map<number, number>();
  for (const d of remaining)
    remainingPerWeekday.set(weekday(d), (remainingPerWeekday.get(weekday(d)) ?? 0) + 1);
  let meanError = 0;
  if (rate.method === "weekday") {
    for (const [w, n] of remainingPerWeekday) meanError += (n * n) / (rate.samplesPerWeekday.get(w) ?? 1);
  } else {
    meanError = (remaining.length * remaining.length) / window.length;
  }
  const halfWidth = options.z * rate.sigma * Math.sqrt(remaining.length + meanError);
  const forecast = actualToDate.plus(predicted);
  const low = forecast.minus(new Big(halfWidth.toFixed(6)));
  return {
    actualToDate,
    forecast,
    // Spend already incurred is not coming back: the interval never reaches below it.
    low: low.lt(actualToDate) ? actualToDate : low,
    high: forecast.plus(new Big(halfWidth.toFixed(6))),
    remainingDays: remaining.length,
    method: rate.method,
  };
}
