/**
 * The storage encoding of minute counts (ADR 10), as pure functions: a UTC hour's 60 minutes in one
 * block, a UTC day's 24 hour summaries in one row. No I/O.
 */

/** null = no data; [good, total] or [good, total, 1] when a maintenance window excludes the minute. */
export type MinuteEntry = null | [number, number] | [number, number, 1];
export type MinuteBlock = MinuteEntry[];

/** [good, total, goodSlices, slices, minutesWithData] (counts of excluded minutes left out). */
export type HourSummary = [number, number, number, number, number];
export type DayHours = (HourSummary | null)[];

export interface Counts {
  good: number;
  total: number;
  goodSlices: number;
  slices: number;
  /** Minutes that had data, excluded ones included (data arrived, the SLI just ignores it). */
  minutes: number;
}

export const zeroCounts = (): Counts => ({ good: 0, total: 0, goodSlices: 0, slices: 0, minutes: 0 });

export function addCounts(a: Counts, b: Counts): Counts {
  return {
    good: a.good + b.good,
    total: a.total + b.total,
    goodSlices: a.goodSlices + b.goodSlices,
    slices: a.slices + b.slices,
    minutes: a.minutes + b.minutes,
  };
}

/** How timeslices are judged: a slice of `minutes` minutes is good when good/total >= target. */
export interface SliceRule {
  target: number;
  minutes: number;
  /** RatioTimeslices: a slice adds its good/total ratio to goodSlices instead of 0 or 1. */
  ratio?: boolean;
}

/** Per-minute slices with target 0 for Occurrences SLOs, so every stored summary has the same shape. */
export const occurrenceSlices: SliceRule = { target: 0, minutes: 1 };

export const hourMs = 3_600_000;
export const minuteMs = 60_000;
export const dayMs = 86_400_000;

export const emptyBlock = (): MinuteBlock => Array.from({ length: 60 }, () => null);

export function parseBlock(json: string): MinuteBlock {
  const block = JSON.parse(json) as MinuteBlock;
  return block.length === 60 ? block : [...block, ...emptyBlock()].slice(0, 60);
}

export const hourOf = (ms: number) => Math.floor(ms / hourMs) * hourMs;
export const dayKey = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Counts of minutes [fromMinute, toMinute) of one block (indexes 0..60). Slices are counted when their
 * first minute lies in the range, over the slice's minutes inside the block, so whole-hour summaries and
 * edge sums agree.
 */
export function sumBlock(block: MinuteBlock, rule: SliceRule, fromMinute = 0, toMinute = 60): Counts {
  const c = zeroCounts();
  for (let i = fromMinute; i < toMinute; i++) {
    const m = block[i];
    if (!m) continue;
    c.minutes += 1;
    if (m[2] === 1) continue;
    c.good += m[0];
    c.total += m[1];
  }
  const size = rule.minutes;
  const firstSlice = Math.ceil(fromMinute / size) * size;
  for (let s = firstSlice; s < toMinute; s += size) {
    let good = 0;
    let total = 0;
    let seen = false;
    for (let i = s; i < Math.min(s + size, 60); i++) {
      const m = block[i];
      if (!m || m[2] === 1) continue;
      good += m[0];
      total += m[1];
      seen = true;
    }
    // A slice without events says nothing about quality: it is neither good nor bad.
    if (!seen || total === 0) continue;
    c.slices += 1;
    if (rule.ratio) c.goodSlices += good / total;
    else if (good / total >= rule.target) c.goodSlices += 1;
  }
  return c;
}

export function summarize(block: MinuteBlock, rule: SliceRule): HourSummary {
  const c = sumBlock(block, rule);
  return [c.good, c.total, c.goodSlices, c.slices, c.minutes];
}

export const fromSummary = (h: HourSummary | null | undefined): Counts =>
  h ? { good: h[0], total: h[1], goodSlices: h[2], slices: h[3], minutes: h[4] } : zeroCounts();

export function sumDay(hours: DayHours): Counts {
  return hours.reduce<Counts>((acc, h) => addCounts(acc, fromSummary(h)), zeroCounts());
}

export function parseHours(json: string): DayHours {
  const hours = JSON.parse(json) as DayHours;
  return Array.from({ length: 24 }, (_, i) => hours[i] ?? null);
}
