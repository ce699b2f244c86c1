import type { OpsdeckModule } from "../../platform/modules.ts";
import { alertCommands } from "./alerts.cli.ts";
import { alertMigrations } from "./alerts.migrations.ts";
import { alertRoutes } from "./alerts.routes.ts";
import { seedAlertingDemo } from "./demo.ts";
import { expiryJobHandlers } from "./expiry.ts";
import { heartbeatJobHandlers, heartbeatKind } from "./heartbeats.service.ts";
import { integrationKind } from "./integrations.service.ts";
import { resolutionRetention } from "./resolutions.ts";
import "./alerts.tables.ts";

export { type AlertStatus, fingerprintOf, type IncomingAlert } from "./alert.ts";
export { type AlertView, alertsOfIncident } from "./alerts.views.ts";
export { type AlertOutcome, type IngestUnit, ingestUnits } from "./ingest.core.ts";
export { integrationIssues } from "./integrations.service.ts";
export { raiseInternalAlerts } from "./internal.ts";
export { compileMatchers, type Matcher, parseMatchers } from "./matchers.ts";

export const alertsModule: OpsdeckModule = {
  name: "alerts",
  migrations: alertMigrations,
  routes: alertRoutes,
  kinds: [integrationKind, heartbeatKind],
  commands: alertCommands,
  jobHandlers: (deps) => ({
    ...heartbeatJobHandlers(deps.clock),
    ...expiryJobHandlers(deps.clock),
  }),
  retention: [resolutionRetention],
  seedDemo: seedAlertingDemo,
};
