/**
 * An incident. `open_group_key` equals `group_key` while the incident is not resolved and is NULL after:
 * its unique index makes "one open incident per group key" a rule of the database, not of one process.
 */
export interface IncidentTable {
  id: string;
  number: number;
  title: string;
  summary: string;
  severity: string;
  status: string;
  /** The primary service (routing chose it, or the declarer named it first). */
  service: string | null;
  group_key: string | null;
  open_group_key: string | null;
  /** Alerts ever attached, and those still firing: kept here so lists and auto-resolve need no count. */
  alert_count: number;
  open_alert_count: number;
  /** The last timeline sequence number: timeline order is this counter, not the clock. */
  timeline_seq: number;
  merged_into: string | null;
  /** `alert` (opened by ingest) or `manual` (declared by a person). */
  source: string;
  created_at: string;
  acknowledged_at: string | null;
  resolved_at: string | null;
  updated_at: string;
}

export interface IncidentServiceTable {
  incident_id: string;
  service: string;
}

export interface IncidentRoleTable {
  incident_id: string;
  role: string;
  user_name: string;
  assigned_at: string;
}

/** Everything that happened to an incident, in `seq` order. `data_json` carries the kind's details. */
export interface IncidentTimelineTable {
  id: string;
  incident_id: string;
  seq: number;
  at: string;
  kind: string;
  actor: string;
  text: string;
  data_json: string;
}

/** Runbook and other links: from the service (shown live) are not stored; these come from alerts. */
export interface IncidentLinkTable {
  incident_id: string;
  url: string;
  title: string;
  source: string;
}

/** Per-instance sequences (incident numbers), updated in the transaction that uses them. */
export interface IncidentCounterTable {
  name: string;
  value: number;
}

/** Per-service incident behaviour (`kind: IncidentPolicy`). No row means the defaults. */
export interface IncidentPolicyTable {
  service: string;
  auto_resolve: number;
  spec_json: string;
  updated_at: string;
}

declare module "../../platform/db/tables.ts" {
  interface Tables {
    incidents: IncidentTable;
    incident_services: IncidentServiceTable;
    incident_roles: IncidentRoleTable;
    incident_timeline: IncidentTimelineTable;
    incident_links: IncidentLinkTable;
    incident_counters: IncidentCounterTable;
    incident_policies: IncidentPolicyTable;
  }
}
