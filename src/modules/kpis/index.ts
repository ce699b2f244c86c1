import type { OpsdeckModule } from "../../platform/modules.ts";
import { seedKpisDemo } from "./demo.ts";
import { kpiCommands } from "./kpis.cli.ts";
import { kpiMigrations } from "./kpis.migrations.ts";
import { kpiRoutes } from "./kpis.routes.ts";
import { reportJobHandlers } from "./schedule.job.ts";
import { reportScheduleKind } from "./schedule.kind.ts";
import "./kpis.tables.ts";

export type { KpisResponse, KpiView } from "./kpis.schema.ts";
export { computeKpis } from "./kpis.service.ts";
export { type MonthlyReport, monthlyReport } from "./monthly-data.ts";

/** Operational KPIs and the monthly operations review (issue 8). */
export const kpisModule: OpsdeckModule = {
  name: "kpis",
  migrations: kpiMigrations,
  routes: kpiRoutes,
  kinds: [reportScheduleKind],
  commands: kpiCommands,
  jobHandlers: reportJobHandlers,
  seedDemo: seedKpisDemo,
};
