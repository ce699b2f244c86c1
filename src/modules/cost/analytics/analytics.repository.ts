import type Big from "big.js";
import { type Kysely, sql } from "kysely";
import type { Database } from "../../../platform/db/database.ts";
import type { Tables } from "../../../platform/db/tables.ts";
import { type CostFilter, dailyCost, type RollupDimension } from "../cost.query.ts";
import type { DailySeries } from "./baseline.ts";
import type { CommitmentLine } from "./commitments.ts";
import { addDays, type Day } from "./days.ts";
import { amount, fromNano } from "./decimal.ts";

/** The days the billing data covers at all: before `first` nothing is known, after `last` not yet. */
export interface DataBounds {
  first: Day;
  last: Day;
}

export async function dataBounds(db: Kysely<Tables>): Promise<DataBounds | null> {
  const row = await db
    .selectFrom("cost_daily")
    .select([sql<string | null>`min(day)`.as("first"), sql<string | null>`max(day)`.as("last")])
    .executeTakeFirst();
  return row?.first && row.last ? { first: row.first, last: row.last } : null;
}

/** Currencies billed in [from, to], most rows first: the default currency of a report is the first. */
export async function currenciesIn(db: Kysely<Tables>, from: Day, to: Day): Promise<string[]> {
  const rows = await db
    .selectFrom("cost_daily")
    .select(["currency", sql<number>`count(*)`.as("n")])
    .where("day", ">=", from)
    .where("day", "<=", to)
    .groupBy("currency")
    .execute();
  return rows
    .sort((a, b) => Number(b.n) - Number(a.n) || a.currency.localeCompare(b.currency))
    .map((r) => r.currency);
}

export interface SeriesQuery {
  from: Day;
  /** Included. */
  to: Day;
  currency: string;
  firstDay: Day;
  filter?: CostFilter;
  groupBy?: RollupDimension;
}

/**
 * Daily effective cost (amortized, commitment purchases left out) per key of `groupBy`, or one series
 * under the key "" without it. `dailyCost` names spend without a value "(unallocated)".
 */
export async function dailySeries(db: Database, q: SeriesQuery): Promise<Map<string, DailySeries>> {
  const out = new Map<string, DailySeries>();
  if (q.to < q.from) return out;
  const result = await dailyCost(db, {
    from: q.from,
    to: addDays(q.to, 1),
    metric: "effectiveCost",
    groupBy: q.groupBy,
    filter: { ...q.filter, currency: q.currency },
  });
  const seriesFor = (key: string) => {
    let s = out.get(key);
    if (!s) {
      s = { firstDay: q.firstDay, amounts: new Map<Day, Big>() };
      out.set(key, s);
    }
    return s;
  };
  for (const day of result.days) {
    if (!q.groupBy) seriesFor("").amounts.set(day.day, amount(day.total));
    else for (const row of day.rows) seriesFor(row.key).amounts.set(day.day, amount(row.amount));
  }
  return out;
}

/** Sums of all four amounts by the FOCUS columns the commitment report needs, purchases included. */
export async function commitmentLines(
  db: Kysely<Tables>,
  from: Day,
  to: Day,
  currency: string,
): Promise<CommitmentLine[]> {
  const sum = (column: "billed_cost" | "effective_cost" | "list_cost" | "contracted_cost") =>
    sql<string>`cast(sum(${sql.ref(column)}) as text)`.as(column);
  const rows = await db
    .selectFrom("cost_daily")
    .select([
      "charge_category",
      "pricing_category",
      "commitment_discount_id",
      "commitment_discount_status",
      "commitment_discount_type",
      "service_name",
      sum("billed_cost"),
      sum("effective_cost"),
      sum("list_cost"),
      sum("contracted_cost"),
    ])
    .where("day", ">=", from)
    .where("day", "<=", to)
    .where("currency", "=", currency)
    .groupBy([
      "charge_category",
      "pricing_category",
      "commitment_discount_id",
      "commitment_discount_status",
      "commitment_discount_type",
      "service_name",
    ])
    .execute();
  return rows.map((r) => ({
    chargeCategory: r.charge_category,
    pricingCategory: r.pricing_category,
    commitmentId: r.commitment_discount_id,
    commitmentStatus: r.commitment_discount_status,
    commitmentType: r.commitment_discount_type,
    serviceName: r.service_name,
    billed: fromNano(r.billed_cost ?? "0"),
    effective: fromNano(r.effective_cost ?? "0"),
    list: fromNano(r.list_cost ?? "0"),
    contracted: fromNano(r.contracted_cost ?? "0"),
  }));
}
