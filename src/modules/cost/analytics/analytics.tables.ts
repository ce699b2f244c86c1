/** `kind: Budget` documents, by name; the spec is kept as applied (see budgets.schema.ts). */
export interface CostBudgetTable {
  name: string;
  spec_json: string;
  created_at: string;
  updated_at: string;
}

/** `kind: CostAnomalyPolicy`: thresholds and the integration anomalies alert through; `default` is in force. */
export interface CostAnomalyPolicyTable {
  name: string;
  spec_json: string;
  updated_at: string;
}

/**
 * Detected anomalies, one per series and day (unique), so a re-run of detection finds the row instead of
 * alerting again. Amounts are exact decimal strings: an expected value is a median, which may be a
 * half of a nano-unit, so the rollup's scaled integers cannot hold it (ADR 0013).
 */
export interface CostAnomalyTable {
  id: string;
  day: string;
  dimension: string;
  key: string;
  currency: string;
  actual: string;
  expected: string;
  impact: string;
  deviation: number;
  method: string;
  drivers_json: string;
  alert_id: string | null;
  detected_at: string;
  updated_at: string;
}

/** Budget threshold alerts raised, so a threshold no longer crossed can be resolved exactly once. */
export interface CostBudgetAlertTable {
  fingerprint: string;
  budget: string;
  period: string;
  /** Where it was raised: a resolution goes there even after the budget is deleted. */
  integration: string;
  alert_id: string | null;
  state: string;
  raised_at: string;
  resolved_at: string | null;
}

declare module "../../../platform/db/tables.ts" {
  interface Tables {
    cost_budgets: CostBudgetTable;
    cost_anomaly_policies: CostAnomalyPolicyTable;
    cost_anomalies: CostAnomalyTable;
    cost_budget_alerts: CostBudgetAlertTable;
  }
}
