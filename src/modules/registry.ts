import { auditCommands } from "../platform/audit/audit.cli.ts";
import { auditRoutes } from "../platform/audit/audit.routes.ts";
import { auditMigrations } from "../platform/audit/index.ts";
import { authCommands } from "../platform/auth/auth.cli.ts";
import { authMigrations, authRoutes, userKind } from "../platform/auth/index.ts";
import type { NamedMigration } from "../platform/db/migrations.ts";
import { type EventSubscriber, eventJobHandlers, eventMigrations } from "../platform/events/index.ts";
import {
  ensureRetention,
  jobMigrations,
  platformRetention,
  retentionJobHandlers,
} from "../platform/jobs/index.ts";
import { applyCommand } from "../platform/manifests/apply.cli.ts";
import { applyRoutes } from "../platform/manifests/apply.routes.ts";
import type { Registry } from "../platform/manifests/apply.ts";
import { manifestMigrations } from "../platform/manifests/manifests.migrations.ts";
import type { AppDeps, OpsdeckModule } from "../platform/modules.ts";
import { alertsModule } from "./alerts/index.ts";
import { catalogModule } from "./catalog/index.ts";
import { costModule } from "./cost/index.ts";
import { escalationModule } from "./escalation/index.ts";
import { incidentsModule } from "./incidents/index.ts";
import { kpisModule } from "./kpis/index.ts";
import { notifyModule } from "./notify/index.ts";
import { oncallModule } from "./oncall/index.ts";
import { postmortemsModule } from "./postmortems/index.ts";
import { sloModule } from "./slo/index.ts";
import { teamsModule } from "./teams/index.ts";

/** The platform's own part: users, sessions, tokens, audit, manifests and background jobs. */
const platformModule: OpsdeckModule = {
  name: "platform",
  migrations: [
    ...authMigrations,
    ...auditMigrations,
    ...manifestMigrations,
    ...jobMigrations,
    ...eventMigrations,
  ],
  // The outbox dispatcher needs every module's subscribers, and retention every module's rules; `modules`
  // is complete by the time a worker starts.
  jobHandlers: (deps) => ({
    ...eventJobHandlers(eventSubscribers(deps), deps.clock),
    ...retentionJobHandlers(
      deps.clock,
      modules.flatMap((m) => m.retention ?? []),
    ),
  }),
  retention: platformRetention,
  startPeriodicJobs: (trx, deps) => ensureRetention(trx, deps.clock),
  routes(app, deps) {
    authRoutes(app, deps);
    auditRoutes(app, deps);
    applyRoutes(app, deps, manifestRegistry);
  },
  kinds: [userKind],
  commands: [...authCommands, ...auditCommands, applyCommand(manifestRegistry)],
};

/** Every module, in the order their demo data is seeded. Adding a module means adding it here. */
export const modules: OpsdeckModule[] = [
  platformModule,
  teamsModule,
  catalogModule,
  notifyModule,
  incidentsModule,
  alertsModule,
  oncallModule,
  escalationModule,
  sloModule,
  costModule,
  postmortemsModule,
  kpisModule,
];

/** Every module's event subscribers. */
export function eventSubscribers(deps: AppDeps): EventSubscriber[] {
  return modules.flatMap((m) => m.eventSubscribers?.(deps) ?? []);
}

export function allMigrations(): NamedMigration[] {
  return modules.flatMap((m) => m.migrations).sort((a, b) => a.name.localeCompare(b.name));
}

export function manifestRegistry(): Registry {
  return {
    kinds: modules.flatMap((m) => m.kinds ?? []),
    translators: Object.assign({}, ...modules.map((m) => m.translators ?? {})),
  };
}
