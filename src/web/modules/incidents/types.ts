/**
 * Shapes of the incidents API, straight from the server's zod schemas (type-only imports: nothing of the
 * server reaches the bundle), so a contract change fails `npm run typecheck`.
 */

import type { IncidentRole, IncidentStatus, Severity } from "../../../modules/incidents/incident.ts";
import type {
  IncidentDetail,
  IncidentSummary,
  TimelineEntry,
} from "../../../modules/incidents/incidents.schema.ts";

export type { IncidentDetail, IncidentRole, IncidentStatus, IncidentSummary, Severity, TimelineEntry };

/** Mirrors of the server's constants: importing the values would bundle server code. */
export const severities = ["SEV1", "SEV2", "SEV3", "SEV4"] as const satisfies readonly Severity[];
export const incidentStatuses = [
  "triggered",
  "acknowledged",
  "resolved",
] as const satisfies readonly IncidentStatus[];
export const incidentRoles = [
  "commander",
  "deputy",
  "communications",
  "scribe",
  "operations",
] as const satisfies readonly IncidentRole[];

export const severityLabels: Record<Severity, string> = {
  SEV1: "Critical",
  SEV2: "Major",
  SEV3: "Minor",
  SEV4: "Low",
};

export const roleLabels: Record<IncidentRole, string> = {
  commander: "Commander",
  deputy: "Deputy",
  communications: "Communications",
  scribe: "Scribe",
  operations: "Operations",
};

export function isSeverity(value: unknown): value is Severity {
  return typeof value === "string" && (severities as readonly string[]).includes(value);
}
