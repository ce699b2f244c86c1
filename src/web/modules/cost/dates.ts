/**
 * Date ranges of the cost pages: ISO days (YYYY-MM-DD) in UTC, the billing day of FOCUS exports, with an
 * exclusive end. Pure, so they run under node in unit tests.
 */

const isoDay = /^\d{4}-\d{2}-\d{2}$/;
const isoMonth = /^\d{4}-\d{2}$/;

export function isIsoDay(value: unknown): value is string {
  return typeof value === "string" && isoDay.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));
}

export function isIsoMonth(value: unknown): value is string {
  if (typeof value !== "string" || !isoMonth.test(value)) return false;
  const month = Number(value.slice(5, 7));
  return month >= 1 && month <= 12;
}

export function dayOf(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return dayOf(date);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Every day of [from, to), so days without cost still get a slot on the chart. */
export function eachDay(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = from; day < to && days.length < 1000; day = addDays(day, 1)) days.push(day);
  return days;
}

export interface DayRange {
  from: string;
  /** Exclusive. */
  to: string;
}

/** The last 30 days up to and including `today`. */
export function last30Days(today: string): DayRange {
  return { from: addDays(today, -29), to: addDays(today, 1) };
}

/** `2026-10` -> 2026-10-01 .. 2026-11-01. */
export function monthRange(month: string): DayRange {
  const [year = 1970, m = 1] = month.split("-").map(Number);
  const next = m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, "0")}`;
  return { from: `${month}-01`, to: `${next}-01` };
}

/** The month a range covers exactly, if it is one whole calendar month. */
export function wholeMonthOf(range: DayRange): string | undefined {
  const month = range.from.slice(0, 7);
  if (!range.from.endsWith("-01")) return undefined;
  return monthRange(month).to === range.to ? month : undefined;
}

/** The month of a range's last day: the one whose month-end forecast the explorer shows. */
export function lastMonthOf(range: DayRange): string {
  return addDays(range.to, -1).slice(0, 7);
}

/** `2026-11` -> `2026-Q4`. */
export function quarterOf(month: string): string {
  return `${month.slice(0, 4)}-Q${Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1}`;
}

export function isPeriod(value: unknown): value is string {
  return isIsoMonth(value) || (typeof value === "string" && /^\d{4}-Q[1-4]$/.test(value));
}

/** The budget periods worth offering: this month and the five before, this quarter and the two before. */
export function recentPeriods(today: string): string[] {
  const months: string[] = [];
  let month = today.slice(0, 7);
  for (let i = 0; i < 6; i++) {
    months.push(month);
    month = addDays(`${month}-01`, -1).slice(0, 7);
  }
  // Six months always reach back into the second quarter before this one.
  const quarters = [...new Set(months.map(quarterOf))];
  return [...months, ...quarters.slice(0, 3)];
}

/** "November 2026" or "Q4 2026". */
export function periodLabel(period: string): string {
  const quarter = /^(\d{4})-Q([1-4])$/.exec(period);
  if (quarter) return `Q${quarter[2]} ${quarter[1]}`;
  return new Intl.DateTimeFormat(undefined, { month: "long", year: "numeric", timeZone: "UTC" }).format(
    new Date(`${period}-01T00:00:00Z`),
  );
}
