import type { Database } from "../../platform/db/database.ts";
import type { Breakdown, CostFilter, RollupDimension } from "./cost.query.ts";
import { sumCost } from "./cost.query.ts";
import type { BreakdownQuery } from "./cost.schema.ts";
import type { ImportDeps } from "./import.service.ts";
import { sumByTag } from "./parquet.query.ts";

/** The breakdown behind the API and `opsdeck cost report`: rollup dimensions from SQL, tags from Parquet. */
export async function breakdown(deps: ImportDeps, q: BreakdownQuery): Promise<Breakdown> {
  const { from, to, metric, groupBy, team, service, env, subAccount, serviceName, region, currency } = q;
  if (groupBy.startsWith("tag:")) {
    return sumByTag(deps, {
      from,
      to,
      metric,
      tagKey: groupBy.slice(4),
      filter: { team, service, env, subAccountId: subAccount, serviceName, region },
    });
  }
  const filter: CostFilter = { team, service, env, subAccount, serviceName, region, currency };
  return sumCost(deps.db, { from, to, metric, groupBy: groupBy as RollupDimension, filter });
}

export interface ImportListItem {
  id: string;
  files: string[];
  billingAccountId: string;
  periodStart: string;
  periodEnd: string;
  rows: number;
  currency: string;
  importedAt: string;
  importedBy: string;
  warnings: string[];
}

export async function listImports(db: Database): Promise<ImportListItem[]> {
  const rows = await db.read
    .selectFrom("cost_imports")
    .selectAll()
    .orderBy("period_start", "desc")
    .orderBy("billing_account_id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    files: JSON.parse(r.files_json) as string[],
    billingAccountId: r.billing_account_id,
    periodStart: r.period_start,
    periodEnd: r.period_end,
    rows: Number(r.rows),
    currency: r.currency,
    importedAt: r.imported_at,
    importedBy: r.imported_by,
    warnings: JSON.parse(r.warnings_json) as string[],
  }));
}
