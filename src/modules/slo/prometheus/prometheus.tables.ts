/**
 * Where the Prometheus source of each Prometheus-indicator SLO stands: how far its minutes have been read
 * and the last problem, which the status shows instead of silently storing nothing.
 */
export interface SloPrometheusStateTable {
  slo_id: string;
  /** ISO minute: every minute before it has been read (a minute without samples stays a gap). */
  evaluated_through: string | null;
  last_success_at: string | null;
  /** The indicator field a query error is about (e.g. `indicator.total`), null for other problems. */
  last_error_field: string | null;
  last_error: string | null;
  last_error_at: string | null;
}

declare module "../../../platform/db/tables.ts" {
  interface Tables {
    slo_prometheus_state: SloPrometheusStateTable;
  }
}
