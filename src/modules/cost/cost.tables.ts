/**
 * One imported billing export (one billing account, one billing period). Re-importing the same account
 * and period replaces the earlier import (and its rollups and Parquet file) in one transaction.
 */
export interface CostImportTable {
  id: string;
  billing_account_id: string;
  /** ISO instants (UTC), from BillingPeriodStart / BillingPeriodEnd. */
  period_start: string;
  period_end: string;
  /** JSON array of the file names given to the import. */
  files_json: string;
  rows: number;
  currency: string;
  /** Parquet file of the normalized raw rows, relative to the cost data directory. */
  parquet_file: string;
  /** JSON array of invariant warnings (FOCUS rules the export breaks). */
  warnings_json: string;
  imported_at: string;
  imported_by: string;
}

/**
 * Daily rollup of the raw rows, allocated. Amounts are scaled integers: nano-units of the currency
 * (value x 10^9) in a 64-bit integer column, so SUM is exact on SQLite and PostgreSQL (ADR 0012). Read them
 * through `sumCost`/`dailyCost`, which return decimal strings.
 */
export interface CostDailyTable {
  import_id: string;
  billing_account_id: string;
  /** YYYY-MM-DD (UTC) of ChargePeriodStart. */
  day: string;
  provider: string;
  sub_account_id: string;
  /** FOCUS ServiceName (the provider's service, e.g. "Amazon Simple Storage Service"). */
  service_name: string;
  region: string;
  charge_category: string;
  commitment_discount_id: string | null;
  commitment_discount_status: string | null;
  commitment_discount_type: string | null;
  pricing_category: string | null;
  /** Allocated team; null = unallocated. */
  team: string | null;
  /** Allocated catalog service; null when none. */
  service: string | null;
  env: string | null;
  currency: string;
  /** Nano-units (x 10^9), as string or bigint-compatible number; see the interface comment. */
  billed_cost: string | number | bigint;
  effective_cost: string | number | bigint;
  list_cost: string | number | bigint;
  contracted_cost: string | number | bigint;
  /** Quantities, also x 10^9. */
  pricing_quantity: string | number | bigint;
  consumed_quantity: string | number | bigint;
  /** Source rows in this rollup row. */
  row_count: number;
}

/** The CostAllocation documents (`kind: CostAllocation`); the one named `default` is in force. */
export interface CostAllocationTable {
  name: string;
  spec_json: string;
  updated_at: string;
}

/** Small state of the module (e.g. the catalog fingerprint the rollups were allocated with). */
export interface CostStateTable {
  key: string;
  value: string;
}

declare module "../../platform/db/tables.ts" {
  interface Tables {
    cost_imports: CostImportTable;
    cost_daily: CostDailyTable;
    cost_allocations: CostAllocationTable;
    cost_state: CostStateTable;
  }
}
