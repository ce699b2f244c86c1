import { RRuleTemporal } from "rrule-temporal";
import { Temporal } from "temporal-polyfill";
import type { SloExclusion } from "./model.ts";

/** [startMs, endMs) of one maintenance window occurrence. */
export type Interval = [number, number];

/** Where a recurring rule is anchored: its time of day comes from BYHOUR/BYMINUTE, midnight otherwise. */
const anchor = "2020-01-06T00:00:00";

export function parseRrule(rrule: string, timeZone: string): RRuleTemporal {
  return new RRuleTemporal({
    rruleString: rrule.replace(/^RRULE:/i, ""),
    dtstart: Temporal.PlainDateTime.from(anchor).toZonedDateTime(timeZone),
  });
}

/** The exclusion windows that overlap [fromMs, toMs), merged and sorted. Pure. */
export function exclusionIntervals(exclusions: SloExclusion[], fromMs: number, toMs: number): Interval[] {
  const out: Interval[] = [];
  for (const e of exclusions) {
    if (e.kind === "range") {
      const a = Date.parse(e.from);
      const b = Date.parse(e.to);
      if (a < toMs && b > fromMs) out.push([a, b]);
      continue;
    }
    const durationMs = e.durationMinutes * 60_000;
    const rule = parseRrule(e.rrule, e.timeZone);
    // An occurrence that started up to one duration before `fromMs` still covers its start.
    const starts = rule.between(new Date(fromMs - durationMs), new Date(toMs), true);
    for (const s of starts) {
      const a = s.epochMilliseconds;
      if (a < toMs && a + durationMs > fromMs) out.push([a, a + durationMs]);
    }
  }
  return mergeIntervals(out);
}

/** Sorted, overlapping and touching intervals joined, empty ones dropped. */
export function mergeIntervals(list: Interval[]): Interval[] {
  const sorted = [...list].sort((a, b) => a[0] - b[0]);
  const out: Interval[] = [];
  for (const [a, b] of sorted) {
    const last = out.at(-1);
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else if (b > a) out.push([a, b]);
  }
  return out;
}

export const isExcluded = (intervals: Interval[], ms: number) =>
  intervals.some(([a, b]) => ms >= a && ms < b);

/** Milliseconds of [fromMs, toMs) covered by the intervals. */
export function overlapMs(intervals: Interval[], fromMs: number, toMs: number): number {
  let sum = 0;
  for (const [a, b] of intervals) sum += Math.max(0, Math.min(b, toMs) - Math.max(a, fromMs));
  return sum;
}
