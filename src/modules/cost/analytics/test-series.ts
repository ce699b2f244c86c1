import Big from "big.js";
import type { DailySeries } from "./baseline.ts";
import { type Day, dayRange, weekday } from "./days.ts";

/** Builds a test series: `amountFor(day, isoWeekday)` gives each day's cost, as a decimal string. */
export function seriesOf(from: Day, to: Day, amountFor: (day: Day, weekday: number) => string): DailySeries {
  return {
    firstDay: from,
    amounts: new Map(dayRange(from, to).map((d) => [d, new Big(amountFor(d, weekday(d)))])),
  };
}
