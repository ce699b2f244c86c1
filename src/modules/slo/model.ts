/**
 * The normalized SLO definition: what `kind: SLO` (opsdeck.dev/v1) and translated OpenSLO documents
 * become. Every other part of the module (math, evaluation, Prometheus rules) reads only this shape.
 * Pure types and constants: no I/O.
 */

export type SloWindow =
  | { kind: "rolling"; days: number }
  | {
      kind: "calendar";
      /** opsdeck's own SLOs use month or quarter; OpenSLO documents may also say day or week. */
      unit: "day" | "week" | "month" | "quarter";
      timeZone: string;
      /**
       * Local date-time the periods are counted from (OpenSLO's calendar.startTime), e.g. 2022-01-01T12:00:00.
       * Absent: periods start at local midnight on the 1st (month, quarter: Jan/Apr/Jul/Oct), on Mondays (week).
       */
      anchor?: string;
    };

/** RatioTimeslices (OpenSLO): the SLI is the average of the slices' good/total ratios. */
export type BudgetingMethod = "Occurrences" | "Timeslices" | "RatioTimeslices";

export type SloIndicator =
  | { kind: "events" }
  /** PromQL: either `good` or `bad` is set (never both), `total` always. */
  | { kind: "prometheus"; good?: string; bad?: string; total: string; dataSource?: string }
  | { kind: "incidents"; severities: string[] };

/** One multi-window burn-rate condition: fires when BOTH windows burn above `factor`. */
export interface BurnRateCondition {
  /** Window names as in the status' burnRates keys, e.g. "1h" and "5m". */
  long: string;
  short: string;
  factor: number;
}

export interface SloAlerting {
  /** The alert integration (by name) the burn-rate alerts are raised through; none = history only. */
  integration?: string;
  /** Below this many events in the long window a condition never fires (low traffic guard). */
  minEvents: number;
  page: BurnRateCondition[];
  ticket: BurnRateCondition[];
}

export type SloExclusion =
  /** A recurring maintenance window: RFC 5545 RRULE, its duration in minutes, in a time zone. */
  | { kind: "rrule"; rrule: string; durationMinutes: number; timeZone: string }
  /** One explicit range, ISO instants. */
  | { kind: "range"; from: string; to: string };

export interface SloDefinition {
  name: string;
  service: string;
  description: string;
  /** Target ratio of good events (or good timeslices), 0 < objective < 1. */
  objective: number;
  window: SloWindow;
  budgetingMethod: BudgetingMethod;
  /** Timeslices: a slice is good when its good/total ratio >= this target (null otherwise). */
  timesliceTarget: number | null;
  /** Timeslices and RatioTimeslices: the slice length in minutes, a divisor of 60 (null otherwise). */
  timesliceMinutes: number | null;
  indicator: SloIndicator;
  alerting: SloAlerting;
  exclusions: SloExclusion[];
}

/** The status' burn-rate windows, in minutes. */
export const burnRateWindows = {
  "5m": 5,
  "30m": 30,
  "1h": 60,
  "2h": 120,
  "6h": 360,
  "1d": 1440,
  "3d": 4320,
} as const;
export type BurnRateWindow = keyof typeof burnRateWindows;

/** The SRE workbook's defaults (chapter 5, "multiwindow, multi-burn-rate alerts"). */
export const defaultAlerting: SloAlerting = {
  minEvents: 100,
  page: [
    { long: "1h", short: "5m", factor: 14.4 },
    { long: "6h", short: "30m", factor: 6 },
  ],
  ticket: [
    { long: "1d", short: "2h", factor: 3 },
    { long: "3d", short: "6h", factor: 1 },
  ],
};
