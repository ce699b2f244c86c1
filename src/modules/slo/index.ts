import type { OpsdeckModule } from "../../platform/modules.ts";
import { seedSloDemo } from "./demo.ts";
import { sloJobHandlers } from "./evaluate.job.ts";
import { openSloObjectKinds } from "./openslo/objects.ts";
import { openSloTranslators } from "./openslo/translate.ts";
import { withPrometheusSource } from "./prometheus/index.ts";
import { sloCommands } from "./slo.cli.ts";
import { sloKind } from "./slo.kind.ts";
import { sloMigrations } from "./slo.migrations.ts";
import { sloRoutes } from "./slo.routes.ts";
import "./slo.tables.ts";
import "./readiness.ts";

export { type MinuteCounts, storeMinuteCounts } from "./events.repository.ts";
export type { SloDefinition } from "./model.ts";
export { getStatus as getSloStatus, listSloSummaries, type SloSummary } from "./views.service.ts";

/** SLOs and error budgets (issue 6). */
export const sloModule: OpsdeckModule = withPrometheusSource({
  name: "slo",
  migrations: sloMigrations,
  routes: (app, deps) => {
    sloRoutes(app, deps);
  },
  kinds: [sloKind, ...openSloObjectKinds],
  translators: { ...openSloTranslators },
  commands: [...sloCommands],
  seedDemo: seedSloDemo,
  jobHandlers: (deps) => ({
    ...sloJobHandlers(deps.db, deps.clock),
  }),
});
