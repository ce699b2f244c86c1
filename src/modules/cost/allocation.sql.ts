import type { CostAllocationSpec, DimensionRule } from "./allocation.schema.ts";
import { lit } from "./duck.ts";

/** A catalog service and its owner team, joined by the row's service tag (lower-cased). */
export interface CatalogService {
  name: string;
  team: string | null;
}

function normalized(expr: string, normalize: DimensionRule["normalize"] = []): string {
  let out = expr;
  if (normalize.includes("trim")) out = `NULLIF(trim(${out}), '')`;
  if (normalize.includes("lowercase")) out = `lower(${out})`;
  return out;
}

/** `NULLIF(value of the first key present in Tags, '')`, normalized as the rule says. */
export function tagValueSql(
  tagsColumn: string,
  keys: string[],
  normalize: DimensionRule["normalize"] = [],
): string {
  const values = keys.map(
    (k) => `NULLIF(json_extract_string(${tagsColumn}, ${lit(`$."${k.replaceAll('"', '\\"')}"`)}), '')`,
  );
  return normalized(
    values.length === 1 ? (values[0] as string) : `COALESCE(${values.join(", ")})`,
    normalize,
  );
}

/** A VALUES table of the catalog services for the join (a dummy row keeps the SQL valid when empty). */
export function catalogValuesSql(services: CatalogService[]): string {
  const rows = services.map(
    (s) => `(${lit(s.name.toLowerCase())}, ${lit(s.name)}, ${s.team === null ? "NULL" : lit(s.team)})`,
  );
  rows.push("(NULL, NULL, NULL)");
  return `(VALUES ${rows.join(", ")}) AS c(key, service, team)`;
}

/**
 * `source` with three more columns, `team`, `service` and `env`, computed by the allocation rules: tags
 * first, then (team) the owner of the catalog Service the row's service tag names. The Tags JSON is
 * parsed once per row for all the keys (one multi-path extract), not once per key.
 */
export function allocatedSql(source: string, spec: CostAllocationSpec, services: CatalogService[]): string {
  const { team, service, env } = spec.dimensions;
  const keys = [...new Set([team, service, env].flatMap((d) => d?.tagKeys ?? []))];
  const paths = keys.map((k) => lit(`$."${k.replaceAll('"', '\\"')}"`)).join(", ");
  const dimensionValue = (rule: DimensionRule | undefined) => {
    if (!rule) return "NULL";
    const values = rule.tagKeys.map((k) => `NULLIF(_tv[${keys.indexOf(k) + 1}], '')`);
    return normalized(
      values.length === 1 ? (values[0] as string) : `COALESCE(${values.join(", ")})`,
      rule.normalize,
    );
  };
  const extract = keys.length > 0 ? `json_extract_string(tags, [${paths}])` : "CAST(NULL AS VARCHAR[])";
  const teamFallback = team?.fallback === "catalog" ? "c.team" : "NULL";
  return `(SELECT s.*,
      COALESCE(s._team_tag, ${teamFallback}) AS team,
      c.service AS service,
      s._env_tag AS env
    FROM (SELECT *, ${dimensionValue(team)} AS _team_tag, ${dimensionValue(service)} AS _service_tag, ${dimensionValue(env)} AS _env_tag
          FROM (SELECT *, ${extract} AS _tv FROM ${source})) AS s
    LEFT JOIN ${catalogValuesSql(services)} ON c.key = lower(s._service_tag))`;
}
