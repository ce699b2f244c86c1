import { join } from "node:path";
import type { Database } from "../../platform/db/database.ts";
import type { CostAllocationSpec } from "./allocation.schema.ts";
import { catalogServices, currentAllocation } from "./allocation.service.ts";
import type { CatalogService } from "./allocation.sql.ts";
import { allocatedSql, tagValueSql } from "./allocation.sql.ts";
import { badInput } from "./cost.errors.ts";
import type { Metric } from "./cost.query.ts";
import { costDataDir, lit, queryRows, withDuck } from "./duck.ts";
import type { ImportDeps } from "./import.service.ts";
import { fromNanos, toNanos } from "./money.ts";

/** Filters on the raw rows: allocated dimensions and FOCUS columns. */
export interface RawFilter {
  team?: string;
  service?: string;
  env?: string;
  subAccountId?: string;
  serviceName?: string;
  region?: string;
}

const filterColumns: Record<keyof RawFilter, string> = {
  team: "team",
  service: "service",
  env: "env",
  subAccountId: "sub_account_id",
  serviceName: "service_name",
  region: "region",
};

const metricColumn: Record<Metric, string> = {
  effectiveCost: "effective_cost",
  billedCost: "billed_cost",
  listCost: "list_cost",
  contractedCost: "contracted_cost",
};

export interface RawScope {
  from: string;
  to: string;
  metric: Metric;
  filter?: RawFilter;
}

/** Everything a drill-down query over the Parquet files needs, read once from the database. */
export interface RawContext {
  files: string[];
  spec: CostAllocationSpec;
  services: CatalogService[];
}

/**
 * Every import's file: a charge may fall outside its billing period (late charges, the spec's own SaaS
 * example), and DuckDB skips row groups outside the range by their statistics anyway.
 */
export async function rawContext(deps: ImportDeps): Promise<RawContext> {
  const dir = costDataDir(deps.config);
  const imports = await deps.db.read
    .selectFrom("cost_imports")
    .select("parquet_file")
    .orderBy("period_start")
    .execute();
  return {
    files: imports.map((i) => join(dir, i.parquet_file)),
    spec: await currentAllocation(deps.db.read),
    services: await catalogServices(deps.db as Database),
  };
}

/** The allocated raw rows of the scope as a SQL relation, or null when no import covers it. */
export function scopedRows(ctx: RawContext, scope: RawScope): string | null {
  if (ctx.files.length === 0) return null;
  const source = `read_parquet([${ctx.files.map(lit).join(", ")}], union_by_name = true)`;
  const where = [
    `charge_period_start >= ${lit(scope.from)}::TIMESTAMP`,
    `charge_period_start < ${lit(scope.to)}::TIMESTAMP`,
  ];
  if (scope.metric !== "billedCost")
    where.push("NOT (charge_category = 'Purchase' AND commitment_discount_id IS NOT NULL)");
  for (const [k, v] of Object.entries(scope.filter ?? {})) {
    if (v !== undefined) where.push(`${filterColumns[k as keyof RawFilter]} = ${lit(v)}`);
  }
  return `(SELECT *, ${metricColumn[scope.metric]} AS amount FROM ${allocatedSql(source, ctx.spec, ctx.services)} WHERE ${where.join(" AND ")})`;
}

export const nanosSql = (expr: string) => `CAST(CAST(COALESCE(${expr}, 0) AS DECIMAL(38,9)) AS VARCHAR)`;

export interface ResourceCost {
  resourceId: string;
  resourceName: string | null;
  serviceName: string | null;
  subAccountId: string | null;
  amount: string;
}

/**
 * The resources that cost most in the scope, from the raw rows (so anomalies can name them). `context`
 * lets a caller asking many times (every new anomaly of an evaluation) read the drill-down context once.
 */
export async function topResources(
  deps: ImportDeps,
  q: RawScope & { limit: number; where?: string },
  context: () => Promise<RawContext> = () => rawContext(deps),
): Promise<ResourceCost[]> {
  const ctx = await context();
  const rows = scopedRows(ctx, q);
  if (!rows) return [];
  return withDuck(async (conn) => {
    const found = await queryRows<{
      id: string;
      name: string | null;
      sn: string | null;
      sa: string | null;
      amount: string;
    }>(
      conn,
      `SELECT resource_id AS id, max(resource_name) AS name, max(service_name) AS sn, max(sub_account_id) AS sa,
          ${nanosSql("sum(amount)")} AS amount
       FROM ${rows} AS r WHERE resource_id IS NOT NULL ${q.where ? `AND ${q.where}` : ""}
       GROUP BY resource_id ORDER BY sum(amount) DESC, resource_id LIMIT ${Math.max(1, Math.min(1000, q.limit))}`,
    );
    return found.map((r) => ({
      resourceId: r.id,
      resourceName: r.name,
      serviceName: r.sn,
      subAccountId: r.sa,
      amount: fromNanos(toNanos(r.amount)),
    }));
  });
}

/** Totals by the value of one tag (`tag:KEY` breakdowns), from the raw rows. */
export async function sumByTag(deps: ImportDeps, q: RawScope & { tagKey: string }) {
  const ctx = await rawContext(deps);
  const rows = scopedRows(ctx, q);
  if (!rows) return { currency: null, total: "0.00", unallocated: "0.00", rows: [] };
  return withDuck(async (conn) => {
    const found = await queryRows<{ key: string | null; currency: string; amount: string }>(
      conn,
      `SELECT ${tagValueSql("r.tags", [q.tagKey])} AS key, currency, ${nanosSql("sum(amount)")} AS amount
       FROM ${rows} AS r GROUP BY ALL`,
    );
    const currencies = [...new Set(found.map((f) => f.currency))];
    if (currencies.length > 1)
      throw badInput(`the spend is in several currencies (${currencies.sort().join(", ")})`, "currency");
    let total = 0n;
    let untagged = 0n;
    const byKey = new Map<string, bigint>();
    for (const f of found) {
      const n = toNanos(f.amount);
      total += n;
      if (f.key === null) untagged += n;
      else byKey.set(f.key, (byKey.get(f.key) ?? 0n) + n);
    }
    const sorted = [...byKey.entries()].sort((a, b) =>
      b[1] > a[1] ? 1 : b[1] < a[1] ? -1 : a[0].localeCompare(b[0]),
    );
    return {
      currency: currencies[0] ?? null,
      total: fromNanos(total),
      unallocated: fromNanos(untagged),
      rows: sorted.map(([key, n]) => ({ key, amount: fromNanos(n) })),
    };
  });
}
