import type { Counts } from "./buckets.ts";
import { type Interval, mergeIntervals, overlapMs } from "./exclusions.ts";
import type { CountSource } from "./status.ts";

/** Incident-based SLIs, pure: every minute is one event, good unless a matching incident was open. */

function intersect(x: Interval[], y: Interval[]): Interval[] {
  const out: Interval[] = [];
  for (const [a, b] of x)
    for (const [c, d] of y) {
      const lo = Math.max(a, c);
      const hi = Math.min(b, d);
      if (hi > lo) out.push([lo, hi]);
    }
  return out;
}

/**
 * Counts in minutes (fractions allowed): total = minutes of the range outside maintenance windows,
 * good = those minutes without downtime. Slices are minutes too, so Timeslices gives the same SLI.
 */
export function downtimeSource(downtime: Interval[], excluded: Interval[]): CountSource {
  const down = mergeIntervals(downtime);
  const ex = mergeIntervals(excluded);
  const excludedDown = intersect(down, ex);
  return (fromMs, toMs): Counts => {
    if (toMs <= fromMs) return { good: 0, total: 0, goodSlices: 0, slices: 0, minutes: 0 };
    const total = (toMs - fromMs - overlapMs(ex, fromMs, toMs)) / 60_000;
    const bad = (overlapMs(down, fromMs, toMs) - overlapMs(excludedDown, fromMs, toMs)) / 60_000;
    const good = total - bad;
    return { good, total, goodSlices: good, slices: total, minutes: (toMs - fromMs) / 60_000 };
  };
}
