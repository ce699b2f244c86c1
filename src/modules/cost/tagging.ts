import type { CostAllocationSpec } from "./allocation.schema.ts";
import { tagValueSql } from "./allocation.sql.ts";
import { queryRows, withDuck } from "./duck.ts";
import type { ImportDeps } from "./import.service.ts";
import { fromNanos, share, toNanos } from "./money.ts";
import { nanosSql, type ResourceCost, rawContext, scopedRows } from "./parquet.query.ts";

export interface TaggingGroup {
  key: string;
  tagged: string;
  total: string;
  share: string;
}

export interface TaggingReport {
  currency: string | null;
  requiredTags: string[];
  /** Tagged spend / all spend (EffectiveCost), 4 decimals; "0" when there is no spend. */
  taggedShare: string;
  byTeam: TaggingGroup[];
  byAccount: TaggingGroup[];
  untagged: ResourceCost[];
}

function groups(rows: { key: string | null; tagged: string; total: string }[]): TaggingGroup[] {
  return rows
    .map((r) => ({ key: r.key ?? "(unallocated)", tagged: toNanos(r.tagged), total: toNanos(r.total) }))
    .sort((a, b) => (b.total > a.total ? 1 : b.total < a.total ? -1 : a.key.localeCompare(b.key)))
    .map((g) => ({
      key: g.key,
      tagged: fromNanos(g.tagged),
      total: fromNanos(g.total),
      share: share(g.tagged, g.total),
    }));
}

/**
 * Cost-weighted tagging compliance: the share of amortized spend on rows that carry every required tag
 * (non-empty), per team and per sub-account, and the costliest resources missing one.
 */
export async function taggingReport(
  deps: ImportDeps,
  q: { from: string; to: string; limit?: number },
): Promise<TaggingReport> {
  const ctx = await rawContext(deps);
  const requiredTags = ctx.spec.requiredTags;
  const rows = scopedRows(ctx, { from: q.from, to: q.to, metric: "effectiveCost" });
  if (!rows)
    return { currency: null, requiredTags, taggedShare: "0", byTeam: [], byAccount: [], untagged: [] };
  // A required tag that names a dimension (team, service, env) is present under any of its tag keys.
  const keysOf = (k: string) =>
    ctx.spec.dimensions[k as keyof CostAllocationSpec["dimensions"]]?.tagKeys ?? [k];
  const taggedSql =
    requiredTags.length === 0
      ? "true"
      : requiredTags.map((k) => `(${tagValueSql("tags", keysOf(k), ["trim"])} IS NOT NULL)`).join(" AND ");
  return withDuck(async (conn) => {
    await conn.run(`CREATE OR REPLACE TEMP TABLE tagging AS SELECT team, sub_account_id, currency, resource_id,
        resource_name, service_name, amount, ${taggedSql} AS tagged FROM ${rows} AS r`);
    const agg = (key: string) =>
      queryRows<{ key: string | null; tagged: string; total: string }>(
        conn,
        `SELECT ${key} AS key, ${nanosSql("sum(amount) FILTER (WHERE tagged)")} AS tagged, ${nanosSql("sum(amount)")} AS total
         FROM tagging GROUP BY 1`,
      );
    const [all] = await agg("'all'");
    const currencies = await queryRows<{ currency: string }>(
      conn,
      "SELECT DISTINCT currency FROM tagging ORDER BY 1",
    );
    const untagged = await queryRows<{
      id: string;
      name: string | null;
      sn: string | null;
      sa: string | null;
      amount: string;
    }>(
      conn,
      `SELECT resource_id AS id, max(resource_name) AS name, max(service_name) AS sn, max(sub_account_id) AS sa,
          ${nanosSql("sum(amount)")} AS amount
       FROM tagging WHERE NOT tagged AND resource_id IS NOT NULL
       GROUP BY 1 HAVING sum(amount) > 0 ORDER BY sum(amount) DESC, 1 LIMIT ${q.limit ?? 20}`,
    );
    return {
      currency: currencies.map((c) => c.currency).join(", ") || null,
      requiredTags,
      taggedShare: all ? share(toNanos(all.tagged), toNanos(all.total)) : "0",
      byTeam: groups(await agg("team")),
      byAccount: groups(await agg("sub_account_id")),
      untagged: untagged.map((u) => ({
        resourceId: u.id,
        resourceName: u.name,
        serviceName: u.sn,
        subAccountId: u.sa,
        amount: fromNanos(toNanos(u.amount)),
      })),
    };
  });
}
