/**
 * Shapes of the cost API's answers, written out by hand: web code cannot import the server's schemas.
 * Amounts are decimal strings ("1234.5600"): sums are made with big.js, never with floats; floats are
 * only used to size bars. Ratios (shares, utilization, coverage) may come as numbers or decimal strings.
 */

export type Amount = string;
export type Ratio = number | string;

export const metrics = ["effectiveCost", "billedCost", "listCost", "contractedCost"] as const;
export type Metric = (typeof metrics)[number];

export const metricLabels: Record<Metric, string> = {
  effectiveCost: "Effective cost",
  billedCost: "Billed cost",
  listCost: "List cost",
  contractedCost: "Contracted cost",
};

/** The dimensions the API groups by; `tag:KEY` groups by any tag key as well. */
export const dimensions = ["team", "service", "env", "subAccount", "serviceName", "region"] as const;
export type Dimension = (typeof dimensions)[number];
export type GroupBy = Dimension | `tag:${string}`;

export const dimensionLabels: Record<Dimension, string> = {
  team: "Team",
  service: "Service",
  env: "Environment",
  subAccount: "Account",
  serviceName: "Cloud service",
  region: "Region",
};

export interface KeyAmount {
  /** null (or empty) when the cost carries no value for the dimension: the unallocated part. */
  key: string | null;
  amount: Amount;
}

export interface Breakdown {
  /** null when nothing matches. */
  currency: string | null;
  total: Amount;
  unallocated: Amount;
  rows: KeyAmount[];
}

export interface DailyCost {
  currency: string | null;
  days: { day: string; total: Amount; rows: KeyAmount[] }[];
}

export interface CostImport {
  id: string;
  files: string[];
  billingAccountId: string;
  periodStart: string;
  periodEnd: string;
  rows: number;
  currency?: string;
  importedAt: string;
  importedBy?: string;
  warnings: string[];
}

/** The answer to an upload: one import per billing account and period found in the file. */
export interface ImportResult {
  imports: {
    id: string;
    billingAccountId: string;
    periodStart: string;
    periodEnd: string;
    rows: number;
    currency: string;
    /** The earlier import of the same period that this one replaced. */
    replaced: string | null;
    warnings: string[];
  }[];
}

export interface TagShare {
  key: string | null;
  tagged: Amount;
  total: Amount;
  share: Ratio;
}

export interface UntaggedResource {
  resourceId: string | null;
  resourceName: string | null;
  serviceName: string | null;
  subAccountId: string | null;
  amount: Amount;
}

export interface Tagging {
  currency: string | null;
  requiredTags: string[];
  taggedShare: Ratio;
  byTeam: TagShare[];
  byAccount: TagShare[];
  untagged: UntaggedResource[];
}

export type BudgetStatus = "ok" | "at-risk" | "over";

export interface Budget {
  name: string;
  scope: { team?: string; service?: string };
  period: "monthly" | "quarterly";
  amount: Amount;
  currency: string;
  periodStart: string;
  periodEnd: string;
  actual: Amount;
  forecast: Amount;
  forecastLow: Amount;
  forecastHigh: Amount;
  percentUsed: Ratio;
  status: BudgetStatus;
  thresholds: { percent: Ratio; of: string; breached: boolean }[];
}

export interface BudgetVariance {
  period: string;
  items: {
    name: string;
    amount: Amount;
    actual: Amount;
    forecast: Amount;
    variance: Amount;
    variancePercent: Ratio | null;
  }[];
}

export interface AnomalyDriver {
  resourceId: string | null;
  resourceName: string | null;
  amount: Amount;
}

export interface Anomaly {
  id: string;
  day: string;
  dimension: string;
  key: string | null;
  actual: Amount;
  expected: Amount;
  impact: Amount;
  deviation: Ratio;
  currency: string;
  drivers: AnomalyDriver[];
  alertId: string | null;
}

export interface ForecastRow {
  key: string | null;
  actualToDate?: Amount;
  forecast: Amount;
  low?: Amount;
  high?: Amount;
}

export interface Forecast {
  month: string;
  currency: string;
  actualToDate: Amount;
  forecast: Amount;
  low: Amount;
  high: Amount;
  rows?: ForecastRow[];
}

export interface Commitment {
  commitmentId: string;
  type: string;
  purchased: Amount;
  used: Amount;
  unused: Amount;
  utilization: Ratio;
}

export interface Commitments {
  currency: string;
  items: Commitment[];
  coverage: Ratio;
  effectiveSavingsRate: { vsList: Ratio; vsContracted: Ratio };
}

export interface Page<T> {
  items: T[];
}
