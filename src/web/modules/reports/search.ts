import { type GroupBy, groupByOptions } from "./types.ts";

/** The dashboard's range and grouping live in the URL, so a view can be shared and survives a reload. */
export interface KpiSearch {
  /** Calendar days (YYYY-MM-DD, UTC); `to` is exclusive, like the API's range. */
  from?: string;
  to?: string;
  groupBy?: GroupBy;
}

const day = /^\d{4}-\d{2}-\d{2}$/;

export function parseKpiSearch(search: Record<string, unknown>): KpiSearch {
  const date = (v: unknown) => (typeof v === "string" && day.test(v) ? v : undefined);
  const groupBy = groupByOptions.find((g) => g === search.groupBy);
  return { from: date(search.from), to: date(search.to), groupBy };
}

const iso = (d: Date) => d.toISOString().slice(0, 10);

/** The default range: the last 90 days up to tomorrow (UTC), so today's incidents count. */
export function effectiveRange(
  search: KpiSearch,
  now = new Date(),
): { from: string; to: string; groupBy: GroupBy } {
  const to = search.to ?? iso(new Date(now.getTime() + 86_400_000));
  const from = search.from ?? iso(new Date(Date.parse(`${to}T00:00:00Z`) - 90 * 86_400_000));
  return { from, to, groupBy: search.groupBy ?? "severity" };
}

export interface ReportSearch {
  month?: string;
}

export function parseReportSearch(search: Record<string, unknown>): ReportSearch {
  const m = search.month;
  return { month: typeof m === "string" && /^\d{4}-(0[1-9]|1[0-2])$/.test(m) ? m : undefined };
}

/** Last month (UTC): the month a review is usually read for. */
export function lastMonth(now = new Date()): string {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
}
