import { Temporal } from "temporal-polyfill";
import { localDate, resolveLocal, type Segment, type Span } from "./rotation.ts";
import type { ScheduleRestriction } from "./schedule.schema.ts";
import { WEEKDAYS } from "./weekdays.ts";

/**
 * Restriction windows. A restriction `{ days, from, to }` opens, on each local date whose weekday is in
 * `days`, a window from `from` to `to` local time:
 * - `to` may be "24:00", the next midnight;
 * - when `to <= from` the window wraps past midnight and ends at `to` on the next date, so
 *   `{ days: [fri], from: "22:00", to: "06:00" }` covers Friday 22:00 to Saturday 06:00, and
 *   `from == to` is a full 24 hours starting at `from`;
 * - both ends are resolved like every local time of a schedule (nonexistent: moved forward by the gap;
 *   ambiguous: the earlier instant), so a window may last 23 or 25 hours; one wholly inside a DST gap
 *   moves forward with it (02:10-02:50 becomes 03:10-03:50 on New York's spring-forward night), and
 *   one whose start the gap pushes past its end (02:30-03:00 there) is empty that night.
 * Windows of several restrictions, or of a wrap and the next date's window, are unioned.
 */

const MINUTES_PER_DAY = 24 * 60;

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(":").map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** The restriction windows overlapping `[from, to)`, clipped to it, sorted and merged. */
export function restrictionSpans(
  restrictions: readonly ScheduleRestriction[],
  timeZone: string,
  from: number,
  to: number,
): Span[] {
  if (from >= to || restrictions.length === 0) return [];
  const parsed = restrictions.map((r) => {
    const start = minutesOf(r.from);
    const end = minutesOf(r.to);
    return { days: new Set(r.days), start, end: end <= start ? end + MINUTES_PER_DAY : end };
  });
  const spans: Span[] = [];
  // A window opened on the day before `from` can still be running (it wraps), and a DST gap can push an
  // end later by its length: a margin of one more day each side covers both.
  const last = localDate(to, timeZone).add({ days: 1 });
  for (let day = localDate(from, timeZone).subtract({ days: 2 }); ; day = day.add({ days: 1 })) {
    if (Temporal.PlainDate.compare(day, last) > 0) break;
    const weekday = WEEKDAYS[day.dayOfWeek - 1];
    if (weekday === undefined) continue;
    const midnight = day.toPlainDateTime();
    for (const r of parsed) {
      if (!r.days.has(weekday)) continue;
      const start = Math.max(from, resolveLocal(midnight.add({ minutes: r.start }), timeZone));
      const end = Math.min(to, resolveLocal(midnight.add({ minutes: r.end }), timeZone));
      if (end > start) spans.push({ start, end });
    }
  }
  return unionSpans(spans);
}

/** Sorts spans and merges those that overlap or touch. */
export function unionSpans(spans: Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const out: Span[] = [];
  for (const s of sorted) {
    const prev = out.at(-1);
    if (prev && s.start <= prev.end) prev.end = Math.max(prev.end, s.end);
    else out.push({ ...s });
  }
  return out;
}

/** The parts of sorted, disjoint segments that lie inside sorted, disjoint spans; linear in both. */
export function clipToSpans(segments: readonly Segment[], spans: readonly Span[]): Segment[] {
  const out: Segment[] = [];
  let j = 0;
  for (const seg of segments) {
    while (j < spans.length && (spans[j]?.end ?? Number.POSITIVE_INFINITY) <= seg.start) j++;
    for (let i = j; i < spans.length; i++) {
      const span = spans[i];
      if (!span || span.start >= seg.end) break;
      const start = Math.max(seg.start, span.start);
      const end = Math.min(seg.end, span.end);
      if (end > start) out.push({ user: seg.user, start, end });
    }
  }
  return out;
}
