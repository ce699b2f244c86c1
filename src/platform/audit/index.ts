export { auditMigrations } from "./audit.migrations.ts";
export { type AuditChange, type AuditEntry, type AuditQuery, listAudit, recordAudit } from "./audit.ts";
