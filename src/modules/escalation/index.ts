import type { OpsdeckModule } from "../../platform/modules.ts";
import { auditHandler, auditJobType, defaultAuditLog, registerEscalationMetrics } from "./auditor.ts";
import "./coverage.ts";
import { stepHandler } from "./engine.step.ts";
import { escalationSubscriber } from "./engine.subscriber.ts";
import { escalationCommands } from "./escalation.cli.ts";
import { escalationMigrations } from "./escalation.migrations.ts";
import { escalationRoutes } from "./escalation.routes.ts";
import { notificationTimelineSubscriber } from "./notification-timeline.ts";
import { policyKind } from "./policies.kind.ts";
import { stepJobType } from "./state.repository.ts";
import "./escalation.tables.ts";

export { type AuditLog, overdueCount, registerEscalationMetrics } from "./auditor.ts";
export type { EscalationView, PolicySpec, PolicyView } from "./escalation.schema.ts";
export { incidentEscalation } from "./escalation.views.ts";
export { getPolicy, listPolicies, schedulesOfService } from "./policies.service.ts";

export const escalationModule: OpsdeckModule = {
  name: "escalation",
  migrations: escalationMigrations,
  routes: escalationRoutes,
  kinds: [policyKind],
  commands: escalationCommands,
  jobHandlers: (deps) => ({
    [stepJobType]: stepHandler(deps.clock),
    [auditJobType]: auditHandler(deps.clock, defaultAuditLog(deps.config.logLevel)),
  }),
  eventSubscribers: (deps) => [escalationSubscriber(deps.clock), notificationTimelineSubscriber(deps.clock)],
  metrics: (registry, deps) => registerEscalationMetrics(registry, deps),
};
