/** Pure statistics for KPIs. Both engines hand over the same rows, so these make their results identical. */

/** At most this many record ids are listed per number; `recordIdsTruncated` says when there were more. */
export const recordIdCap = 200;

/** Three decimals of a second: enough for any duration KPI, and stable across platforms. */
export function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

export function mean(values: number[]): number | null {
  if (values.length === 0) return null;
  let sum = 0;
  for (const v of values) sum += v;
  return round3(sum / values.length);
}

/** The middle value, or the mean of the two middle values for an even count. */
export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const m =
    sorted.length % 2 === 1
      ? (sorted[mid] as number)
      : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  return round3(m);
}

export interface KpiGroup {
  key: string;
  mean: number | null;
  median: number | null;
  n: number;
  /** The group's single figure where mean/median do not apply: a count or a share (0-1). */
  value: number | null;
  recordIds: string[];
  recordIdsTruncated: boolean;
}

export function capIds(ids: string[]): { recordIds: string[]; recordIdsTruncated: boolean } {
  return { recordIds: ids.slice(0, recordIdCap), recordIdsTruncated: ids.length > recordIdCap };
}

/** Groups `(key, id, value)` observations into mean/median groups, keys in ascending order. */
export function durationGroups(items: { key: string; id: string; seconds: number }[]): KpiGroup[] {
  const byKey = new Map<string, { ids: string[]; values: number[] }>();
  for (const it of items) {
    const g = byKey.get(it.key) ?? { ids: [], values: [] };
    g.ids.push(it.id);
    g.values.push(it.seconds);
    byKey.set(it.key, g);
  }
  return [...byKey.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, g]) => ({
      key,
      mean: mean(g.values),
      median: median(g.values),
      n: g.values.length,
      value: null,
      ...capIds(g.ids),
    }));
}

/** Groups records by key into count groups (`n` and `value` are the count). */
export function countGroups(
  items: { key: string; id: string }[],
  order: "key" | "count" = "key",
): KpiGroup[] {
  const byKey = new Map<string, string[]>();
  for (const it of items) {
    const ids = byKey.get(it.key);
    if (ids) ids.push(it.id);
    else byKey.set(it.key, [it.id]);
  }
  const groups = [...byKey.entries()].map(([key, ids]) => ({
    key,
    mean: null,
    median: null,
    n: ids.length,
    value: ids.length,
    ...capIds(ids),
  }));
  return groups.sort((a, b) =>
    order === "count" && a.n !== b.n ? b.n - a.n : a.key < b.key ? -1 : a.key > b.key ? 1 : 0,
  );
}

export function secondsBetween(fromIso: string, toIso: string): number {
  return (Date.parse(toIso) - Date.parse(fromIso)) / 1000;
}
