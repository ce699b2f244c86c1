import type { OpsdeckModule } from "../../platform/modules.ts";
import { historyImportCommands } from "./history-import.cli.ts";
import { historyImportRoutes } from "./history-import.routes.ts";
import { incidentCommands } from "./incidents.cli.ts";
import { incidentMigrations } from "./incidents.migrations.ts";
import { incidentRoutes } from "./incidents.routes.ts";
import { policyKind } from "./policy.service.ts";
import "./incidents.tables.ts";

export { hasImportedHistory, importIncidentHistory } from "./history-import.ts";
export {
  type AlertRef,
  incidentRoles,
  incidentStatuses,
  incidentSubject,
  moreSevere,
  type Severity,
  severities,
  severityFromText,
} from "./incident.ts";
export type { IncidentDetail, IncidentSummary, TimelineEntry } from "./incidents.schema.ts";
export {
  acknowledgeIncident,
  addNote,
  addTimelineEntry,
  assignRole,
  declareIncident,
  postStatusUpdate,
  resolveIncident,
} from "./incidents.service.ts";
export {
  getIncident,
  getTimeline,
  hasAnyIncident,
  incidentFamily,
  incidentSummaries,
  listIncidents,
} from "./incidents.views.ts";
export { IncidentWork } from "./incidents.work.ts";

export const incidentsModule: OpsdeckModule = {
  name: "incidents",
  migrations: incidentMigrations,
  routes: (app, deps) => {
    incidentRoutes(app, deps);
    historyImportRoutes(app, deps);
  },
  kinds: [policyKind],
  commands: [...incidentCommands, ...historyImportCommands],
};
