export interface AuditTable {
  id: string;
  at: string;
  actor_type: string;
  actor_id: string | null;
  actor_label: string;
  action: string;
  entity_type: string;
  entity_id: string;
  before_json: string | null;
  after_json: string | null;
  request_id: string | null;
}

declare module "../db/tables.ts" {
  interface Tables {
    audit_log: AuditTable;
  }
}
