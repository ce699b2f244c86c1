import { type ExpressionBuilder, sql } from "kysely";
import { Temporal } from "temporal-polyfill";
import type { Database } from "../../platform/db/database.ts";
import type { Tables } from "../../platform/db/tables.ts";
import { badInput } from "./cost.errors.ts";
import { fromNanos } from "./money.ts";

/** What a breakdown sums: amortized (allocation), invoiced, list or contracted cost. */
export const metrics = ["effectiveCost", "billedCost", "listCost", "contractedCost"] as const;
export type Metric = (typeof metrics)[number];

/** Dimensions kept in the daily rollup, by their API name. */
export const rollupDimensions = {
  team: "team",
  service: "service",
  env: "env",
  subAccount: "sub_account_id",
  serviceName: "service_name",
  region: "region",
  provider: "provider",
  billingAccount: "billing_account_id",
  chargeCategory: "charge_category",
  pricingCategory: "pricing_category",
  commitmentDiscountId: "commitment_discount_id",
  commitmentDiscountStatus: "commitment_discount_status",
  commitmentDiscountType: "commitment_discount_type",
  currency: "currency",
} as const;
export type RollupDimension = keyof typeof rollupDimensions;
export type CostFilter = Partial<Record<RollupDimension, string>>;

const metricColumn = {
  effectiveCost: "effective_cost",
  billedCost: "billed_cost",
  listCost: "list_cost",
  contractedCost: "contracted_cost",
} as const;

export interface CostQuery {
  /** YYYY-MM-DD, inclusive. */
  from: string;
  /** YYYY-MM-DD, exclusive. */
  to: string;
  metric: Metric;
  groupBy?: RollupDimension;
  filter?: CostFilter;
}

export interface Breakdown {
  /** null when no spend matches. */
  currency: string | null;
  total: string;
  /** Spend whose group has no value (for `team`: spend no rule allocated). */
  unallocated: string;
  rows: { key: string; amount: string }[];
}

/**
 * The rows a metric reads. Commitment purchases are amortized into the usage they cover (EffectiveCost),
 * so every view but the invoice (BilledCost) leaves them out: a purchase is never counted twice.
 */
function baseQuery(db: Database, q: CostQuery) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(q.from)) throw badInput("from must be YYYY-MM-DD", "from");
  if (!/^\d{4}-\d{2}-\d{2}$/.test(q.to)) throw badInput("to must be YYYY-MM-DD", "to");
  if (q.to <= q.from) throw badInput("to must be after from (to is exclusive)", "to");
  let query = db.read.selectFrom("cost_daily").where("day", ">=", q.from).where("day", "<", q.to);
  if (q.metric !== "billedCost")
    query = query.where((eb: ExpressionBuilder<Tables, "cost_daily">) =>
      eb.or([eb("charge_category", "!=", "Purchase"), eb("commitment_discount_id", "is", null)]),
    );
  for (const [dim, value] of Object.entries(q.filter ?? {})) {
    if (value === undefined) continue;
    const column = rollupDimensions[dim as RollupDimension];
    if (!column) throw badInput(`unknown filter ${dim}`, dim);
    query = query.where(sql.ref(column), "=", value);
  }
  return query;
}

const amountSql = (metric: Metric) => sql<string>`cast(sum(${sql.ref(metricColumn[metric])}) as text)`;

function singleCurrency(currencies: Set<string>): string | null {
  if (currencies.size > 1)
    throw badInput(
      `the spend is in several currencies (${[...currencies].sort().join(", ")}): filter by currency`,
      "currency",
    );
  return [...currencies][0] ?? null;
}

/** Totals by one dimension, exact: the database sums integers, the rest is BigInt. */
export async function sumCost(db: Database, q: CostQuery & { groupBy: RollupDimension }): Promise<Breakdown> {
  const column = rollupDimensions[q.groupBy];
  const rows = await baseQuery(db, q)
    .select([sql<string | null>`${sql.ref(column)}`.as("key"), "currency", amountSql(q.metric).as("amount")])
    .groupBy([sql.ref(column), "currency"])
    .execute();
  const currencies = new Set(rows.map((r) => r.currency));
  const currency = singleCurrency(currencies);
  let total = 0n;
  let unallocated = 0n;
  const byKey: { key: string; nanos: bigint }[] = [];
  for (const r of rows) {
    const nanos = BigInt(r.amount ?? "0");
    total += nanos;
    if (r.key === null || r.key === "") unallocated += nanos;
    else byKey.push({ key: r.key, nanos });
  }
  byKey.sort((a, b) => (b.nanos > a.nanos ? 1 : b.nanos < a.nanos ? -1 : a.key.localeCompare(b.key)));
  return {
    currency,
    total: fromNanos(total),
    unallocated: fromNanos(unallocated),
    rows: byKey.map((r) => ({ key: r.key, amount: fromNanos(r.nanos) })),
  };
}

export interface DailyCost {
  currency: string | null;
  days: { day: string; total: string; rows: { key: string; amount: string }[] }[];
}

/** Per-day totals (every day of the range, zero when nothing was billed), split by `groupBy` if given. */
export async function dailyCost(db: Database, q: CostQuery): Promise<DailyCost> {
  const column = q.groupBy ? rollupDimensions[q.groupBy] : null;
  const keyExpr = column ? sql<string | null>`${sql.ref(column)}` : sql<string | null>`null`;
  let query = baseQuery(db, q)
    .select(["day", keyExpr.as("key"), "currency", amountSql(q.metric).as("amount")])
    .groupBy(["day", "currency"]);
  if (column) query = query.groupBy(sql.ref(column));
  const rows = await query.execute();
  const currency = singleCurrency(new Set(rows.map((r) => r.currency)));
  const byDay = new Map<string, Map<string, bigint>>();
  for (const r of rows) {
    const day = byDay.get(r.day) ?? new Map<string, bigint>();
    const key = r.key ?? "";
    day.set(key, (day.get(key) ?? 0n) + BigInt(r.amount ?? "0"));
    byDay.set(r.day, day);
  }
  const days: DailyCost["days"] = [];
  for (const day of daysBetween(q.from, q.to)) {
    const keys = byDay.get(day) ?? new Map<string, bigint>();
    const total = [...keys.values()].reduce((a, b) => a + b, 0n);
    const entries = column
      ? [...keys.entries()].sort((a, b) => (b[1] > a[1] ? 1 : b[1] < a[1] ? -1 : 0))
      : [];
    days.push({
      day,
      total: fromNanos(total),
      rows: entries.map(([key, n]) => ({ key: key || "(unallocated)", amount: fromNanos(n) })),
    });
  }
  return { currency, days };
}

/** YYYY-MM-DD days in [from, to); at most 400 so a typo cannot ask for a century. */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let d: Temporal.PlainDate;
  let end: Temporal.PlainDate;
  try {
    d = Temporal.PlainDate.from(from);
    end = Temporal.PlainDate.from(to);
  } catch {
    throw badInput("from and to must be dates (YYYY-MM-DD)", "from");
  }
  while (Temporal.PlainDate.compare(d, end) < 0) {
    out.push(d.toString());
    if (out.length > 400) throw badInput("at most 400 days at a time", "to");
    d = d.add({ days: 1 });
  }
  return out;
}
