import type { Database } from "../../../platform/db/database.ts";
import type { CostFilter, RollupDimension } from "../cost.query.ts";
import { dailySeries, dataBounds } from "./analytics.repository.ts";
import type { DailySeries } from "./baseline.ts";
import { addDays, type Day, maxDay, minDay } from "./days.ts";
import { estimate, money } from "./decimal.ts";
import { defaultForecastOptions, type Forecast, forecastPeriod } from "./forecast.ts";

export interface ScopeForecast {
  total: Forecast;
  rows: { key: string; forecast: Forecast }[];
}

export interface ForecastScope {
  periodStart: Day;
  periodEnd: Day;
  currency: string;
  filter?: CostFilter;
  groupBy?: RollupDimension;
}

const emptySeries = (firstDay: Day): DailySeries => ({ firstDay, amounts: new Map() });

/**
 * Forecasts a period's spend for one scope (and each key of `groupBy`): reads the period so far plus the
 * trailing window the run rate is measured on, then leaves the arithmetic to `forecastPeriod`.
 */
export async function forecastScope(db: Database, scope: ForecastScope): Promise<ScopeForecast> {
  const bounds = await dataBounds(db.read);
  const input = {
    periodStart: scope.periodStart,
    periodEnd: scope.periodEnd,
    observedThrough: bounds?.last ?? null,
  };
  if (!bounds) {
    return { total: forecastPeriod({ ...input, series: emptySeries(scope.periodStart) }), rows: [] };
  }
  const to = minDay(bounds.last, scope.periodEnd);
  const from = maxDay(
    minDay(scope.periodStart, addDays(bounds.last, -(defaultForecastOptions.windowDays - 1))),
    bounds.first,
  );
  const query = { from, to, currency: scope.currency, firstDay: bounds.first, filter: scope.filter };
  const total = (await dailySeries(db, query)).get("") ?? emptySeries(bounds.first);
  const rows: ScopeForecast["rows"] = [];
  if (scope.groupBy) {
    const byKey = await dailySeries(db, { ...query, groupBy: scope.groupBy });
    for (const [key, series] of [...byKey.entries()].sort(([a], [b]) => a.localeCompare(b)))
      rows.push({ key, forecast: forecastPeriod({ ...input, series }) });
  }
  return { total: forecastPeriod({ ...input, series: total }), rows };
}

/** The wire shape of a forecast: the actual is an exact sum, the estimates are to the cent. */
export function forecastNumbers(f: Forecast) {
  return {
    actualToDate: money(f.actualToDate),
    forecast: estimate(f.forecast),
    low: estimate(f.low),
    high: estimate(f.high),
  };
}
