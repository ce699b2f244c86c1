import Big from "big.js";
import { eachDay } from "./dates.ts";
import { isUnallocatedKey, keyLabel } from "./format.ts";
import type { Amount, DailyCost } from "./types.ts";

/**
 * The data behind the stacked daily bars: the top keys over the whole range get their own colour, the rest
 * is summed (exactly) into "Other". Pure, so it is unit-tested under node.
 */

export const otherKey = "\u0000other";
export const unallocatedKey = "\u0000unallocated";

export interface Series {
  /** Stable id: the group key, or one of the two sentinels above. */
  id: string;
  label: string;
  total: Amount;
  /** Colour slot 0..7; "Other" and "Unallocated" have their own neutral colours. */
  slot: number | "other" | "unallocated";
}

export interface Segment {
  series: Series;
  amount: Amount;
  /** Bottom and top of the segment, in currency units (floats: only for drawing). */
  y0: number;
  y1: number;
}

export interface DayBar {
  day: string;
  total: Amount;
  segments: Segment[];
}

export interface StackedData {
  series: Series[];
  bars: DayBar[];
  /** The tallest day's total (floats), at least the tallest positive stack. */
  max: number;
}

const idOf = (key: string | null) => (isUnallocatedKey(key) ? unallocatedKey : (key as string));

/** The label of the one series of a chart that is not split (the daily endpoint cannot split by tag). */
export const allSpend = "All spend";

/** A day without a split (no group-by) is one row: its total. */
const rowsOf = (d: DailyCost["days"][number]) =>
  d.rows.length > 0 || new Big(d.total || "0").eq(0) ? d.rows : [{ key: allSpend, amount: d.total }];

export function stackDays(daily: DailyCost, range: { from: string; to: string }, top = 6): StackedData {
  const totals = new Map<string, Big>();
  for (const d of daily.days)
    for (const r of rowsOf(d))
      totals.set(idOf(r.key), (totals.get(idOf(r.key)) ?? new Big(0)).plus(r.amount));
  const ranked = [...totals.entries()].sort((a, b) => b[1].cmp(a[1]) || a[0].localeCompare(b[0]));
  const shown = ranked.length > top + 1 ? ranked.slice(0, top) : ranked;
  const rest = ranked.slice(shown.length);
  let slot = 0;
  const series: Series[] = shown.map(([id, total]) => ({
    id,
    label: id === unallocatedKey ? keyLabel(null) : id,
    total: total.toFixed(),
    slot: id === unallocatedKey ? "unallocated" : slot++ % 8,
  }));
  if (rest.length > 0)
    series.push({
      id: otherKey,
      label: `Other (${rest.length})`,
      total: rest.reduce((s, [, t]) => s.plus(t), new Big(0)).toFixed(),
      slot: "other",
    });
  const byId = new Map(series.map((s) => [s.id, s]));
  const byDay = new Map(daily.days.map((d) => [d.day.slice(0, 10), d]));
  let max = 0;
  const bars = eachDay(range.from, range.to).map((day): DayBar => {
    const entry = byDay.get(day);
    const amounts = new Map<string, Big>();
    for (const r of entry ? rowsOf(entry) : []) {
      const id = byId.has(idOf(r.key)) ? idOf(r.key) : otherKey;
      amounts.set(id, (amounts.get(id) ?? new Big(0)).plus(r.amount));
    }
    let y = 0;
    const segments: Segment[] = [];
    for (const s of series) {
      const amount = amounts.get(s.id);
      // Credits (negative amounts) are not drawn: a stack of signed parts cannot be read.
      if (!amount || amount.lte(0)) continue;
      const value = Number(amount.toFixed());
      segments.push({ series: s, amount: amount.toFixed(), y0: y, y1: y + value });
      y += value;
    }
    max = Math.max(max, y, Number(entry?.total ?? 0));
    return { day, total: entry?.total ?? "0", segments };
  });
  return { series, bars, max };
}

/** Round axis steps (1, 2, 2.5, 5 x 10^n) so gridlines fall on readable amounts. */
export function niceTicks(max: number, count = 4): number[] {
  if (!(max > 0)) return [0];
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * power >= raw) ?? 10) * power;
  const ticks: number[] = [];
  for (let v = 0; v <= max + step * 0.001; v += step) ticks.push(Number(v.toPrecision(12)));
  if ((ticks.at(-1) ?? 0) < max) ticks.push(Number((ticks.length * step).toPrecision(12)));
  return ticks;
}
