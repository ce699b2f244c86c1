import type { Sample, Series } from "./client.ts";

/**
 * Counter arithmetic on raw samples. Two uses, one set of definitions:
 * - the evaluation job turns samples into exact per-minute event counts (`minuteIncrements`);
 * - `extrapolatedIncrease` is what Prometheus's `rate()`/`increase()` compute (v2.x semantics), so the
 *   exported rules' values can be recomputed from the same samples and compared (see the e2e test).
 */

/** The counter's growth from the first to the last sample, counting a drop as a restart from zero. */
export function counterIncrease(samples: readonly Sample[]): number {
  const first = samples[0];
  const last = samples[samples.length - 1];
  if (!first || !last) return 0;
  // Same order of operations as Prometheus, so results agree to the last bit where possible.
  let result = last.v - first.v;
  let previous = 0;
  for (const s of samples) {
    if (s.v < previous) result += previous;
    previous = s.v;
  }
  return result;
}

/**
 * Prometheus's `increase(x[range])` at `endMs` for one series whose samples lie in [endMs - range, endMs]:
 * the reset-aware growth, extrapolated towards the window's edges when the first/last sample is within
 * 1.1 average sample intervals of them (half an interval otherwise), never below the counter's zero.
 * Null with fewer than two samples (Prometheus drops the series).
 */
export function extrapolatedIncrease(
  samples: readonly Sample[],
  startMs: number,
  endMs: number,
): number | null {
  const first = samples[0];
  const last = samples[samples.length - 1];
  if (samples.length < 2 || !first || !last) return null;
  let result = counterIncrease(samples);
  let durationToStart = (first.t - startMs) / 1000;
  const durationToEnd = (endMs - last.t) / 1000;
  const sampledInterval = (last.t - first.t) / 1000;
  const averageInterval = sampledInterval / (samples.length - 1);
  if (result > 0 && first.v >= 0) {
    const durationToZero = sampledInterval * (first.v / result);
    if (durationToZero < durationToStart) durationToStart = durationToZero;
  }
  const threshold = averageInterval * 1.1;
  let extrapolateTo = sampledInterval;
  extrapolateTo += durationToStart < threshold ? durationToStart : averageInterval / 2;
  extrapolateTo += durationToEnd < threshold ? durationToEnd : averageInterval / 2;
  result = result * (extrapolateTo / sampledInterval);
  return result;
}

/** `sum(rate(selector[range]))` at `endMs` over series holding raw samples (any range; filtered here). */
export function sumRate(series: readonly Series[], endMs: number, rangeMs: number): number | null {
  const startMs = endMs - rangeMs;
  let sum: number | null = null;
  for (const s of series) {
    const inWindow = s.samples.filter((x) => x.t >= startMs && x.t <= endMs);
    const increase = extrapolatedIncrease(inWindow, startMs, endMs);
    if (increase === null) continue;
    sum = (sum ?? 0) + increase / (rangeMs / 1000);
  }
  return sum;
}

export const minuteMs = 60_000;

/**
 * Exact events per minute: each step between two consecutive samples of a series counts in the minute
 * of its later sample (a drop counts as a restart from zero), summed over series. A series' first sample
 * is only a baseline, as in Prometheus. Returns the increments of the minutes starting in [fromMs, toMs)
 * (both multiples of a minute) and which of those minutes had any sample at all.
 */
export function minuteIncrements(
  series: readonly Series[],
  fromMs: number,
  toMs: number,
): { increments: Map<number, number>; observed: Set<number> } {
  const increments = new Map<number, number>();
  const observed = new Set<number>();
  for (const s of series) {
    let previous: Sample | undefined;
    for (const sample of s.samples) {
      const minute = Math.floor(sample.t / minuteMs) * minuteMs;
      const inside = minute >= fromMs && minute < toMs;
      if (inside) observed.add(minute);
      if (previous && inside) {
        const step = sample.v >= previous.v ? sample.v - previous.v : sample.v;
        increments.set(minute, (increments.get(minute) ?? 0) + step);
      }
      previous = sample;
    }
  }
  return { increments, observed };
}
