/** One SLO: the normalized definition (model.ts) as JSON, plus what the push endpoint needs to stay ordered. */
export interface SloTable {
  id: string;
  name: string;
  service: string;
  /** `opsdeck.dev/v1` or the OpenSLO apiVersion it was applied as. */
  source: string;
  spec_json: string;
  /** The last minute accepted by `POST .../events`: pushes must move forward (ISO minute). */
  last_pushed_minute: string | null;
  /** Since when a page / ticket burn-rate alert fires (null: not firing); history is in slo_alerts. */
  page_since: string | null;
  ticket_since: string | null;
  created_at: string;
  updated_at: string;
}

/**
 * Per-minute counts of one SLO for one UTC hour, kept only for the recent past (see ADR 10): a JSON array
 * of 60 entries, each null (no data) or [good, total] or [good, total, 1] (excluded by a maintenance window).
 */
export interface SloMinuteBlockTable {
  slo_id: string;
  /** ISO instant of the hour's start. */
  hour: string;
  minutes_json: string;
}

/**
 * One SLO's UTC day: the sums the SLI is computed from, and the same per hour (`hours_json`: 24 entries,
 * each null or [good, total, goodSlices, slices, minutesWithData]) for windows that start mid-day.
 */
export interface SloDayTable {
  slo_id: string;
  /** YYYY-MM-DD (UTC). */
  day: string;
  good: number | string | bigint;
  total: number | string | bigint;
  /** Good slices, or for RatioTimeslices the sum of the slices' ratios. */
  good_slices: number;
  slices: number;
  hours_json: string;
}

/** The history of burn-rate alerts: one row per transition (firing, resolved) per SLO and severity. */
export interface SloAlertTable {
  id: string;
  slo_id: string;
  at: string;
  severity: string;
  state: string;
  burn_long: number;
  burn_short: number;
  windows_json: string;
  alert_id: string | null;
  /** Why nothing was sent, e.g. "no integration named 'x'" (null when sent or when none is configured). */
  note: string | null;
}

/** OpenSLO objects other than SLOs (SLI, AlertPolicy, DataSource, ...), kept as applied (secrets redacted). */
export interface OpenSloObjectTable {
  /** The opsdeck kind it is stored as, e.g. OpenSLOSLI. */
  kind: string;
  name: string;
  api_version: string;
  spec_json: string;
  created_at: string;
  updated_at: string;
}

declare module "../../platform/db/tables.ts" {
  interface Tables {
    slos: SloTable;
    slo_minute_blocks: SloMinuteBlockTable;
    slo_days: SloDayTable;
    slo_alerts: SloAlertTable;
    slo_openslo_objects: OpenSloObjectTable;
  }
}
