import {
  addCounts,
  type Counts,
  type DayHours,
  dayKey,
  dayMs,
  fromSummary,
  hourMs,
  type MinuteBlock,
  minuteMs,
  parseHours,
  type SliceRule,
  sumBlock,
  zeroCounts,
} from "./buckets.ts";

/** What the repository read for one SLO: day rows (sums + lazily parsed hours) and minute blocks. */
export interface StoredDay {
  sums: Counts;
  hoursJson: string;
  hours?: DayHours;
}

export interface StoredCounts {
  days: Map<string, StoredDay>;
  blocks: Map<number, MinuteBlock>;
}

const hoursOf = (d: StoredDay) => {
  d.hours ??= parseHours(d.hoursJson);
  return d.hours;
};

/**
 * Counts of [fromMs, toMs) (minute-aligned). Whole days come from the day sums, whole hours from the day's
 * hour summaries, partial hours from minute blocks. A partial hour whose block was already pruned (older
 * than the minute retention, ADR 10) is left out: the window's head is rounded to the next whole hour.
 */
export function sumRange(stored: StoredCounts, rule: SliceRule, fromMs: number, toMs: number): Counts {
  if (toMs <= fromMs) return zeroCounts();
  const firstHour = Math.ceil(fromMs / hourMs) * hourMs;
  const lastHour = Math.floor(toMs / hourMs) * hourMs;
  if (firstHour > lastHour) return partial(stored, rule, fromMs, toMs);
  let acc = addCounts(partial(stored, rule, fromMs, firstHour), partial(stored, rule, lastHour, toMs));
  let h = firstHour;
  while (h < lastHour) {
    const day = stored.days.get(dayKey(h));
    if (h % dayMs === 0 && h + dayMs <= lastHour) {
      if (day) acc = addCounts(acc, day.sums);
      h += dayMs;
      continue;
    }
    if (day) acc = addCounts(acc, fromSummary(hoursOf(day)[new Date(h).getUTCHours()]));
    h += hourMs;
  }
  return acc;
}

/** Minutes [fromMs, toMs) within one hour, from its block. */
function partial(stored: StoredCounts, rule: SliceRule, fromMs: number, toMs: number): Counts {
  if (toMs <= fromMs) return zeroCounts();
  const hour = Math.floor(fromMs / hourMs) * hourMs;
  const block = stored.blocks.get(hour);
  if (!block) return zeroCounts();
  return sumBlock(block, rule, (fromMs - hour) / minuteMs, (toMs - hour) / minuteMs);
}

/** The day rows (hour detail) and minute blocks `sumRange` reads for [fromMs, toMs) beyond whole days. */
export function edgesOf(fromMs: number, toMs: number): { days: string[]; blockHours: number[] } {
  const firstHour = Math.ceil(fromMs / hourMs) * hourMs;
  const lastHour = Math.floor(toMs / hourMs) * hourMs;
  const blockHours = [Math.floor(fromMs / hourMs) * hourMs];
  if (toMs % hourMs !== 0) blockHours.push(lastHour);
  return { days: [dayKey(firstHour), dayKey(lastHour)], blockHours };
}
