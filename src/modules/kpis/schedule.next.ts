import { Temporal } from "temporal-polyfill";

export interface ScheduleTime {
  dayOfMonth: number;
  /** HH:MM, wall-clock time in `timeZone`. */
  time: string;
  timeZone: string;
}

/**
 * The first delivery strictly after `after`: day N of a month at HH:MM in the schedule's zone. A wall time
 * that a DST change skips moves forward (Temporal's `compatible` disambiguation), so no month is lost.
 */
export function nextRun(s: ScheduleTime, after: Date): Date {
  const [hour, minute] = s.time.split(":").map(Number) as [number, number];
  const local = Temporal.Instant.fromEpochMilliseconds(after.getTime()).toZonedDateTimeISO(s.timeZone);
  for (let k = 0; k < 3; k++) {
    const month = local.toPlainDate().toPlainYearMonth().add({ months: k });
    const at = Temporal.ZonedDateTime.from({
      timeZone: s.timeZone,
      year: month.year,
      month: month.month,
      day: s.dayOfMonth,
      hour,
      minute,
    });
    if (at.epochMilliseconds > after.getTime()) return new Date(at.epochMilliseconds);
  }
  throw new Error("unreachable: a later month always has the day");
}

/** The month a delivery at `at` reports on: the calendar month before the delivery's local date. */
export function reportedMonth(at: Date, timeZone: string): string {
  const local = Temporal.Instant.fromEpochMilliseconds(at.getTime()).toZonedDateTimeISO(timeZone);
  return local.toPlainDate().toPlainYearMonth().subtract({ months: 1 }).toString();
}
