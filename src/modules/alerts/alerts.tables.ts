/** An intake point with its own key: senders authenticate with `Authorization: Bearer KEY`. */
export interface IntegrationTable {
  id: string;
  name: string;
  type: string;
  /** Shown to managers (`GET /api/v1/integrations/NAME`), like PagerDuty's integration keys. */
  secret: string;
  /** sha256 of the key: what intake looks up, so no comparison ever runs over the secret itself. */
  key_hash: string;
  /** The normalized `kind: Integration` spec: default service, severity, grouping, routing rules. */
  spec_json: string;
  created_at: string;
  updated_at: string;
}

/**
 * One alert occurrence. `open_key` is `integration_id:fingerprint` while the alert is open (firing or
 * suppressed) and NULL once resolved: its unique index is the "one open alert per integration and
 * fingerprint" rule, enforced by the database on both engines (NULLs never collide).
 */
export interface AlertTable {
  id: string;
  integration_id: string;
  fingerprint: string;
  open_key: string | null;
  status: string;
  title: string;
  description: string;
  severity: string;
  service: string;
  group_key: string;
  labels_json: string;
  annotations_json: string;
  links_json: string;
  source_url: string | null;
  runbook_url: string | null;
  /** Hash of what the sender said (not of when): an identical re-send changes nothing. */
  content_hash: string;
  incident_id: string | null;
  silence_id: string | null;
  starts_at: string;
  ends_at: string | null;
  /**
   * When an alert posted to the Alertmanager API resolves unless re-sent (its endsAt, or 5 minutes after
   * the last post without one), as Alertmanager does; NULL for formats that send their resolves.
   */
  expires_at: string | null;
  resolved_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface SilenceTable {
  id: string;
  matchers_json: string;
  starts_at: string;
  ends_at: string;
  comment: string;
  created_by: string;
  created_at: string;
}

/** A monitor that expects a ping every `interval_seconds`; a missed one opens an alert on its integration. */
export interface HeartbeatTable {
  id: string;
  name: string;
  integration: string;
  interval_seconds: number;
  spec_json: string;
  last_ping_at: string | null;
  created_at: string;
  updated_at: string;
}

/**
 * A resolved occurrence of an alert, kept a week: a firing re-send with the same startsAt is stale and
 * ignored. A table of its own (rather than an index on alerts) so that a new alert writes no index keyed
 * by its random fingerprint beyond the open-alert one (ADR 16).
 */
export interface AlertResolutionTable {
  integration_id: string;
  fingerprint: string;
  starts_at: string;
  /** When opsdeck took the resolve in (not the alert's endsAt): senders retry relative to their sending. */
  recorded_at: string;
}

declare module "../../platform/db/tables.ts" {
  interface Tables {
    alert_integrations: IntegrationTable;
    alerts: AlertTable;
    alert_silences: SilenceTable;
    heartbeats: HeartbeatTable;
    alert_resolutions: AlertResolutionTable;
  }
}
