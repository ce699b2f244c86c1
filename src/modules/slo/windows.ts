import { Temporal } from "temporal-polyfill";
import type { SloWindow } from "./model.ts";

/** Pure window arithmetic. Instants are epoch milliseconds; calendar periods are computed in the SLO's zone. */

export const minuteFloor = (ms: number) => Math.floor(ms / 60_000) * 60_000;

export interface Period {
  /** The window's first instant. */
  from: number;
  /** The evaluation instant (exclusive end of the data that counts). */
  to: number;
  /** The window's full length: days of a rolling window, the whole calendar period otherwise. */
  lengthMs: number;
  /** Calendar windows: where the current period ends. */
  periodEnd: number | null;
}

type CalendarWindow = Extract<SloWindow, { kind: "calendar" }>;

const defaultAnchors: Record<CalendarWindow["unit"], string> = {
  day: "2020-01-01T00:00:00",
  week: "2020-01-06T00:00:00", // a Monday
  month: "2020-01-01T00:00:00",
  quarter: "2020-01-01T00:00:00",
};

function step(unit: CalendarWindow["unit"], n: number): Temporal.DurationLike {
  if (unit === "day") return { days: n };
  if (unit === "week") return { weeks: n };
  if (unit === "month") return { months: n };
  return { months: 3 * n };
}

/**
 * The calendar period containing `atMs`: the anchor plus a whole number of periods, in local time, so a
 * month in Europe/Berlin starts at local midnight whatever the offset (DST makes March 743 hours long).
 */
export function calendarPeriod(window: CalendarWindow, atMs: number): { start: number; end: number } {
  const anchor = Temporal.PlainDateTime.from(window.anchor ?? defaultAnchors[window.unit]).toZonedDateTime(
    window.timeZone,
  );
  const at = Temporal.Instant.fromEpochMilliseconds(atMs).toZonedDateTimeISO(window.timeZone);
  const largestUnit = window.unit === "day" ? "days" : window.unit === "week" ? "weeks" : "months";
  const elapsed = anchor.until(at, { largestUnit });
  const whole =
    window.unit === "day"
      ? elapsed.days
      : window.unit === "week"
        ? elapsed.weeks
        : Math.floor(elapsed.months / (window.unit === "quarter" ? 3 : 1));
  // Dates before the anchor count backwards; start from the estimate and step until it contains `at`.
  let n = atMs < anchor.epochMilliseconds ? whole - 1 : whole;
  const startOf = (k: number) => anchor.add(step(window.unit, k)).epochMilliseconds;
  while (startOf(n) > atMs) n--;
  while (startOf(n + 1) <= atMs) n++;
  return { start: startOf(n), end: startOf(n + 1) };
}

/** The SLO window as of `atMs` (floored to the minute: the minute in progress does not count yet). */
export function sloPeriod(window: SloWindow, atMs: number): Period {
  const to = minuteFloor(atMs);
  if (window.kind === "rolling") {
    const lengthMs = window.days * 86_400_000;
    return { from: to - lengthMs, to, lengthMs, periodEnd: null };
  }
  // The period is that of the last complete minute, so the first minute of a period belongs to it.
  const { start, end } = calendarPeriod(window, to - 1);
  return { from: start, to, lengthMs: end - start, periodEnd: end };
}

/** Human text for lists: "30d rolling", "calendar month (Europe/Berlin)". */
export function describeWindow(window: SloWindow): string {
  if (window.kind === "rolling") return `${window.days}d rolling`;
  const anchor = window.anchor ? ` from ${window.anchor}` : "";
  return `calendar ${window.unit} (${window.timeZone}${anchor})`;
}
