import { Temporal } from "temporal-polyfill";
import type { Day } from "./days.ts";

/** A budget period: a calendar month or quarter of billing days (UTC dates). */
export type PeriodKind = "monthly" | "quarterly";

export interface Period {
  kind: PeriodKind;
  /** `2026-11` or `2026-Q4`. */
  label: string;
  start: Day;
  /** Last day, included. */
  end: Day;
}

function monthPeriod(year: number, month: number): Period {
  const start = Temporal.PlainDate.from({ year, month, day: 1 });
  return {
    kind: "monthly",
    label: start.toPlainYearMonth().toString(),
    start: start.toString(),
    end: start.add({ months: 1 }).subtract({ days: 1 }).toString(),
  };
}

function quarterPeriod(year: number, quarter: number): Period {
  const start = Temporal.PlainDate.from({ year, month: (quarter - 1) * 3 + 1, day: 1 });
  return {
    kind: "quarterly",
    label: `${year}-Q${quarter}`,
    start: start.toString(),
    end: start.add({ months: 3 }).subtract({ days: 1 }).toString(),
  };
}

/** The period of `kind` that contains `day`. */
export function periodContaining(day: Day, kind: PeriodKind): Period {
  const d = Temporal.PlainDate.from(day);
  return kind === "monthly" ? monthPeriod(d.year, d.month) : quarterPeriod(d.year, Math.ceil(d.month / 3));
}

/** Parses `YYYY-MM` or `YYYY-Qn`; null when it is neither (the caller names the field). */
export function parsePeriod(label: string): Period | null {
  const month = /^(\d{4})-(\d{2})$/.exec(label);
  if (month) {
    const m = Number(month[2]);
    return m >= 1 && m <= 12 ? monthPeriod(Number(month[1]), m) : null;
  }
  const quarter = /^(\d{4})-Q([1-4])$/.exec(label);
  return quarter ? quarterPeriod(Number(quarter[1]), Number(quarter[2])) : null;
}
