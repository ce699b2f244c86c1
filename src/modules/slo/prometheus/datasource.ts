import type { Kysely } from "kysely";
import type { Tables } from "../../../platform/db/tables.ts";
import type { SloIndicator } from "../model.ts";
import "../slo.tables.ts";

type PrometheusIndicator = Extract<SloIndicator, { kind: "prometheus" }>;

/** The first http(s) `url` in an OpenSLO DataSource's connectionDetails (a list of maps, or one map). */
function urlOf(spec: unknown): string | null {
  const details = (spec as { connectionDetails?: unknown } | null)?.connectionDetails;
  for (const entry of Array.isArray(details) ? details : [details]) {
    const url = (entry as { url?: unknown } | null)?.url;
    if (typeof url === "string" && /^https?:\/\//.test(url)) return url.replace(/\/+$/, "");
  }
  return null;
}

/**
 * The Prometheus an SLO reads: its OpenSLO DataSource's URL when the indicator names one that was applied
 * with type Prometheus, else OPSDECK_PROMETHEUS_URL (a DataSource may be only a label in OpenSLO files).
 */
export async function prometheusUrlFor(
  db: Kysely<Tables>,
  indicator: PrometheusIndicator,
  configured: string | undefined,
): Promise<string | undefined> {
  if (!indicator.dataSource) return configured;
  const row = await db
    .selectFrom("slo_openslo_objects")
    .select("spec_json")
    .where("kind", "=", "OpenSLODataSource")
    .where("name", "=", indicator.dataSource)
    .executeTakeFirst();
  if (!row) return configured;
  const spec = JSON.parse(row.spec_json) as { type?: unknown };
  if (String(spec.type ?? "").toLowerCase() !== "prometheus") return configured;
  return urlOf(spec) ?? configured;
}
