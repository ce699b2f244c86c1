import type { AppDeps } from "../../../platform/modules.ts";
import type { IncomingAlert } from "../../alerts/index.ts";
import { type RawContext, type RawFilter, topResources } from "../parquet.query.ts";
import type { AnomalyDimension } from "./analytics.schema.ts";
import { addDays, type Day } from "./days.ts";

export interface Driver {
  resourceId: string;
  resourceName: string;
  amount: string;
}

const driverLimit = 5;

const filterOf = (dimension: AnomalyDimension, key: string): RawFilter =>
  dimension === "serviceName"
    ? { serviceName: key }
    : dimension === "subAccount"
      ? { subAccountId: key }
      : { team: key };

/**
 * The resources that cost most in the anomalous series that day, from the raw rows (Parquet). A lookup
 * that fails (a Parquet file removed by hand, say) leaves the anomaly without drivers rather than losing it.
 */
export async function anomalyDrivers(
  deps: AppDeps,
  dimension: AnomalyDimension,
  key: string,
  day: Day,
  context: () => Promise<RawContext>,
): Promise<Driver[]> {
  try {
    const rows = await topResources(
      deps,
      {
        from: day,
        to: addDays(day, 1),
        metric: "effectiveCost",
        filter: filterOf(dimension, key),
        limit: driverLimit,
      },
      context,
    );
    return rows.map((r) => ({
      resourceId: r.resourceId,
      resourceName: r.resourceName ?? r.resourceId,
      amount: r.amount,
    }));
  } catch {
    return [];
  }
}

const dimensionLabel: Record<AnomalyDimension, string> = {
  serviceName: "service",
  subAccount: "sub-account",
  team: "team",
};

export interface AnomalyRecord {
  id: string;
  day: Day;
  dimension: AnomalyDimension;
  key: string;
  currency: string;
  actual: string;
  expected: string;
  impact: string;
  deviation: number;
  drivers: Driver[];
}

const fingerprintOf = (a: Pick<AnomalyRecord, "dimension" | "key" | "currency" | "day">) =>
  `cost-anomaly:${a.dimension}:${a.key}:${a.currency}:${a.day}`;

/** One alert per series and day: the fingerprint makes a second detection of the same anomaly a re-send. */
export function anomalyAlert(a: AnomalyRecord): IncomingAlert {
  const drivers = a.drivers.map((d) => `${d.resourceName}: ${d.amount} ${a.currency}`).join("\n");
  return {
    fingerprint: fingerprintOf(a),
    action: "firing",
    title: `Cost anomaly: ${dimensionLabel[a.dimension]} ${a.key} cost ${a.actual} ${a.currency} on ${a.day} (expected ${a.expected})`,
    description:
      `Impact ${a.impact} ${a.currency}, ${a.deviation} robust deviations above the baseline.` +
      (drivers ? `\nTop resources that day:\n${drivers}` : ""),
    labels: {
      alertname: "CostAnomaly",
      dimension: a.dimension,
      key: a.key,
      currency: a.currency,
      day: a.day,
    },
    annotations: { impact: a.impact, anomalyId: a.id },
    links: [],
    severity: null,
    startsAt: `${a.day}T00:00:00.000Z`,
    endsAt: null,
    sourceUrl: null,
    runbookUrl: null,
  };
}

/** The resolve of an anomaly's alert, once its day has left the paging window (a no-op when already closed). */
export function anomalyResolved(
  a: Pick<AnomalyRecord, "dimension" | "key" | "currency" | "day">,
  at: string,
): IncomingAlert {
  return {
    fingerprint: fingerprintOf(a),
    action: "resolved",
    title: "",
    description: "",
    labels: {},
    annotations: {},
    links: [],
    severity: null,
    startsAt: null,
    endsAt: at,
    sourceUrl: null,
    runbookUrl: null,
  };
}
