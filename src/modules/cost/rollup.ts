import type { DuckDBConnection } from "@duckdb/node-api";
import type { Kysely } from "kysely";
import { bulkInsert } from "../../platform/db/dialect/bulk-insert.ts";
import type { Tables } from "../../platform/db/tables.ts";
import type { CostAllocationSpec } from "./allocation.schema.ts";
import { allocatedSql, type CatalogService } from "./allocation.sql.ts";
import type { CostDailyTable } from "./cost.tables.ts";
import { queryRows } from "./duck.ts";
import { toNanos } from "./money.ts";
import { applySharedCosts } from "./shared-costs.ts";

export const amountColumns = [
  "billed_cost",
  "effective_cost",
  "list_cost",
  "contracted_cost",
  "pricing_quantity",
  "consumed_quantity",
] as const;
export type AmountColumn = (typeof amountColumns)[number];

/** One `cost_daily` row before insert: its dimensions as stored, amounts as nano-unit bigints. */
export type RollupRow = Omit<CostDailyTable, "import_id" | AmountColumn> & {
  amounts: Record<AmountColumn, bigint>;
};

const dimensions = [
  "billing_account_id",
  "day",
  "provider",
  "sub_account_id",
  "service_name",
  "region",
  "charge_category",
  "commitment_discount_id",
  "commitment_discount_status",
  "commitment_discount_type",
  "pricing_category",
  "team",
  "service",
  "env",
  "currency",
] as const;

/**
 * Daily rollup of `source` (the staged rows or an import's Parquet file) in DuckDB: allocation, GROUP BY
 * and exact DECIMAL sums happen there; only the grouped rows come back, amounts rounded once to 10^-9.
 */
export async function rollup(
  conn: DuckDBConnection,
  source: string,
  spec: CostAllocationSpec,
  services: CatalogService[],
): Promise<RollupRow[]> {
  const dims = `billing_account_id, day, provider, sub_account_id, service_name, region, charge_category,
      commitment_discount_id, commitment_discount_status, commitment_discount_type, pricing_category, currency`;
  // First by the raw Tags text with the other dimensions: rows of one resource and day collapse, so the
  // JSON is parsed per group (thousands), not per row (millions). Then allocate and group again.
  const pre = `(SELECT billing_account_id, strftime(charge_period_start, '%Y-%m-%d') AS day,
      COALESCE(provider, '') AS provider, COALESCE(sub_account_id, '') AS sub_account_id,
      COALESCE(service_name, '') AS service_name, COALESCE(region, '') AS region, charge_category,
      commitment_discount_id, commitment_discount_status, commitment_discount_type, pricing_category, currency,
      tags, ${amountColumns.map((a) => `sum(${a}) AS ${a}`).join(", ")}, count(*) AS row_count
    FROM ${source} GROUP BY ALL)`;
  const sums = amountColumns.map(
    (a) => `CAST(CAST(COALESCE(sum(${a}), 0) AS DECIMAL(38,9)) AS VARCHAR) AS ${a}`,
  );
  const sql = `SELECT ${dims}, team, service, env, ${sums.join(", ")}, sum(row_count)::INTEGER AS row_count
    FROM ${allocatedSql(pre, spec, services)}
    GROUP BY ALL`;
  const rows = await queryRows<Record<string, string | number | null>>(conn, sql);
  const out: RollupRow[] = rows.map((r) => {
    const amounts = {} as Record<AmountColumn, bigint>;
    for (const a of amountColumns) amounts[a] = toNanos(r[a] as string);
    const row = { amounts, row_count: Number(r.row_count) } as RollupRow;
    for (const d of dimensions) (row as unknown as Record<string, unknown>)[d] = r[d] ?? null;
    return row;
  });
  return applySharedCosts(out, spec.sharedCosts);
}

/** Every `cost_daily` column, in insert order. */
const insertColumns = ["import_id", ...dimensions, ...amountColumns, "row_count"] as const;

/**
 * Inserts rollup rows for one import with the platform's bulk insert (ADR 16): no query tree per row.
 * Amounts go as decimal strings of nano-units into the bigint columns (they may exceed 2^53).
 */
export async function insertRollup(trx: Kysely<Tables>, importId: string, rows: RollupRow[]): Promise<void> {
  await bulkInsert(trx, {
    table: "cost_daily",
    columns: insertColumns,
    types: { ...Object.fromEntries(amountColumns.map((a) => [a, "integer"])), row_count: "integer" },
    rows: rows.map(({ amounts, ...dims }) => {
      const v: Record<string, unknown> = { import_id: importId, ...dims };
      for (const a of amountColumns) v[a] = amounts[a].toString();
      return v;
    }),
  });
}
