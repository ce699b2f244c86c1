import Big from "big.js";
import type { Database } from "../../../platform/db/database.ts";
import { InputError } from "../../../platform/errors.ts";
import type { AnomalyDimension, AnomalyView } from "./analytics.schema.ts";
import { daysBetween } from "./days.ts";

const maxRangeDays = 366;

/** Anomalies detected on days [from, to], biggest impact first within a day, newest day first. */
export async function listAnomalies(
  db: Database,
  range: { from: string; to: string },
): Promise<AnomalyView[]> {
  if (range.to < range.from)
    throw new InputError("to must not be before from", [{ path: "to", message: "must not be before from" }]);
  if (daysBetween(range.from, range.to) >= maxRangeDays)
    throw new InputError(`at most ${maxRangeDays} days at a time`, [
      { path: "to", message: `at most ${maxRangeDays} days after from` },
    ]);
  const rows = await db.read
    .selectFrom("cost_anomalies")
    .selectAll()
    .where("day", ">=", range.from)
    .where("day", "<=", range.to)
    .execute();
  return rows
    .sort((a, b) => (a.day === b.day ? new Big(b.impact).cmp(a.impact) : a.day < b.day ? 1 : -1))
    .map((r) => ({
      id: r.id,
      day: r.day,
      dimension: r.dimension as AnomalyDimension,
      key: r.key,
      actual: r.actual,
      expected: r.expected,
      impact: r.impact,
      deviation: Number(r.deviation),
      currency: r.currency,
      drivers: JSON.parse(r.drivers_json),
      alertId: r.alert_id,
    }));
}
