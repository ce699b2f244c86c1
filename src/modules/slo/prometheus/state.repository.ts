import type { Kysely } from "kysely";
import type { Tables } from "../../../platform/db/tables.ts";
import type { SloDefinition, SloIndicator } from "../model.ts";
import "./prometheus.tables.ts";

export type PrometheusSlo = SloDefinition & { indicator: Extract<SloIndicator, { kind: "prometheus" }> };

export interface PrometheusSloRow {
  id: string;
  def: PrometheusSlo;
  evaluatedThrough: string | null;
  lastError: string | null;
}

/** Every SLO, parsed; the rules export and the evaluation job filter what they need. */
export async function allDefinitions(db: Kysely<Tables>): Promise<SloDefinition[]> {
  const rows = await db.selectFrom("slos").select(["name", "service", "spec_json"]).orderBy("name").execute();
  return rows.map((r) => ({
    ...(JSON.parse(r.spec_json) as SloDefinition),
    name: r.name,
    service: r.service,
  }));
}

/** The SLOs with a Prometheus indicator and how far each has been read. */
export async function prometheusSlos(db: Kysely<Tables>): Promise<PrometheusSloRow[]> {
  const rows = await db
    .selectFrom("slos")
    .leftJoin("slo_prometheus_state", "slo_prometheus_state.slo_id", "slos.id")
    .select([
      "slos.id",
      "slos.name",
      "slos.service",
      "slos.spec_json",
      "slo_prometheus_state.evaluated_through",
      "slo_prometheus_state.last_error",
    ])
    .orderBy("slos.name")
    .execute();
  return rows
    .map((r) => ({
      id: r.id,
      def: { ...(JSON.parse(r.spec_json) as SloDefinition), name: r.name, service: r.service },
      evaluatedThrough: r.evaluated_through,
      lastError: r.last_error,
    }))
    .filter((r): r is PrometheusSloRow => r.def.indicator.kind === "prometheus");
}

export interface StateChange {
  evaluatedThrough?: string;
  success?: { at: string };
  error?: { at: string; field: string | null; message: string } | null;
}

export async function saveState(trx: Kysely<Tables>, sloId: string, change: StateChange): Promise<void> {
  const values = {
    ...(change.evaluatedThrough !== undefined ? { evaluated_through: change.evaluatedThrough } : {}),
    ...(change.success ? { last_success_at: change.success.at } : {}),
    ...(change.error !== undefined
      ? {
          last_error: change.error?.message.slice(0, 2000) ?? null,
          last_error_field: change.error?.field ?? null,
          last_error_at: change.error?.at ?? null,
        }
      : {}),
  };
  const existing = await trx
    .selectFrom("slo_prometheus_state")
    .select("slo_id")
    .where("slo_id", "=", sloId)
    .executeTakeFirst();
  if (existing) {
    if (Object.keys(values).length > 0)
      await trx.updateTable("slo_prometheus_state").set(values).where("slo_id", "=", sloId).execute();
  } else
    await trx
      .insertInto("slo_prometheus_state")
      .values({
        slo_id: sloId,
        evaluated_through: null,
        last_success_at: null,
        last_error_field: null,
        last_error: null,
        last_error_at: null,
        ...values,
      })
      .execute();
}

export interface PrometheusSourceState {
  evaluatedThrough: string | null;
  lastSuccessAt: string | null;
  lastError: { at: string | null; field: string | null; message: string } | null;
}

/** For the status API: where the Prometheus source of one SLO stands (null if never evaluated). */
export async function prometheusSourceState(
  db: Kysely<Tables>,
  sloName: string,
): Promise<PrometheusSourceState | null> {
  const row = await db
    .selectFrom("slo_prometheus_state")
    .innerJoin("slos", "slos.id", "slo_prometheus_state.slo_id")
    .selectAll("slo_prometheus_state")
    .where("slos.name", "=", sloName)
    .executeTakeFirst();
  if (!row) return null;
  return {
    evaluatedThrough: row.evaluated_through,
    lastSuccessAt: row.last_success_at,
    lastError: row.last_error
      ? { at: row.last_error_at, field: row.last_error_field, message: row.last_error }
      : null,
  };
}
