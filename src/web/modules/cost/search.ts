import { type DayRange, dayOf, isIsoDay, isPeriod, last30Days } from "./dates.ts";
import { type Dimension, dimensions, type GroupBy, type Metric, metrics } from "./types.ts";

/**
 * URL search parameters of the cost explorer, so a view can be shared or bookmarked; malformed values are
 * dropped (the defaults apply) rather than sent to the server.
 */
export interface CostSearch {
  from?: string;
  to?: string;
  metric?: Metric;
  groupBy?: GroupBy;
  team?: string;
  service?: string;
  env?: string;
  subAccount?: string;
  serviceName?: string;
  region?: string;
  /** Spend in several currencies cannot be summed: the API asks to pick one. */
  currency?: string;
}

/** The filters the API accepts, in the order the filter bar shows them. */
export const filterKeys = dimensions;

const tagKey = /^[\w.:/@+=-]{1,128}$/;

export function isGroupBy(value: unknown): value is GroupBy {
  if (typeof value !== "string") return false;
  if ((dimensions as readonly string[]).includes(value)) return true;
  return value.startsWith("tag:") && tagKey.test(value.slice(4));
}

const filterValue = (v: unknown) =>
  typeof v === "string" && v.trim() !== "" && v.length <= 256 ? v.trim() : undefined;

export function parseCostSearch(search: Record<string, unknown>): CostSearch {
  const from = isIsoDay(search.from) ? search.from : undefined;
  const to = isIsoDay(search.to) ? search.to : undefined;
  const range = from && to && from < to ? { from, to } : {};
  const parsed: CostSearch = {
    ...range,
    metric: (metrics as readonly unknown[]).includes(search.metric) ? (search.metric as Metric) : undefined,
    groupBy: isGroupBy(search.groupBy) ? search.groupBy : undefined,
  };
  for (const key of filterKeys) parsed[key] = filterValue(search[key]);
  parsed.currency =
    typeof search.currency === "string" && /^[A-Z]{3}$/.test(search.currency) ? search.currency : undefined;
  return parsed;
}

/** What the pages query with: the search, with the defaults filled in. */
export interface CostView extends DayRange {
  metric: Metric;
  groupBy: GroupBy;
  filters: Partial<Record<Dimension, string>>;
  currency?: string;
}

export function costView(search: CostSearch, today: string = dayOf(new Date())): CostView {
  const range = search.from && search.to ? { from: search.from, to: search.to } : last30Days(today);
  const filters: Partial<Record<Dimension, string>> = {};
  for (const key of filterKeys) if (search[key]) filters[key] = search[key];
  return {
    ...range,
    metric: search.metric ?? "effectiveCost",
    groupBy: search.groupBy ?? "team",
    filters,
    currency: search.currency,
  };
}

/** The API query string of a view (breakdown and daily take the same one). */
export function viewQuery(view: CostView): Record<string, string | undefined> {
  return {
    from: view.from,
    to: view.to,
    groupBy: view.groupBy,
    metric: view.metric,
    ...view.filters,
    currency: view.currency,
  };
}

/**
 * The daily endpoint splits by rollup dimensions only; for `tag:KEY` the chart shows the daily total and
 * the breakdown table the split by tag.
 */
export function dailyViewQuery(view: CostView): Record<string, string | undefined> {
  return { ...viewQuery(view), groupBy: view.groupBy.startsWith("tag:") ? undefined : view.groupBy };
}

/** The pages with only a date range (anomalies, commitments, tagging) keep just that in the URL. */
export interface RangeSearch {
  from?: string;
  to?: string;
}

export function parseRangeSearch(search: Record<string, unknown>): RangeSearch {
  const from = isIsoDay(search.from) ? search.from : undefined;
  const to = isIsoDay(search.to) ? search.to : undefined;
  return from && to && from < to ? { from, to } : {};
}

export function rangeOf(search: RangeSearch, today: string = dayOf(new Date())): DayRange {
  return search.from && search.to ? { from: search.from, to: search.to } : last30Days(today);
}

/** The budgets page shows the variance of one period: a month `YYYY-MM` or a quarter `YYYY-Qn`. */
export function parseBudgetSearch(search: Record<string, unknown>): { period?: string } {
  return isPeriod(search.period) ? { period: search.period } : {};
}
