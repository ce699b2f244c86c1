import type { KindHandler } from "../../platform/manifests/kinds.ts";
import type { OpsdeckModule } from "../../platform/modules.ts";
import {
  costAnalyticsCommands,
  costAnalyticsJobHandlers,
  costAnalyticsKinds,
  costAnalyticsMigrations,
  costAnalyticsRoutes,
  seedCostAnalyticsDemo,
  startCostAnalyticsJobs,
} from "./analytics/index.ts";
import { costCommands } from "./cost.cli.ts";
import { costAllocationKind } from "./cost.kind.ts";
import { costMigrations } from "./cost.migrations.ts";
import { costRoutes } from "./cost.routes.ts";
import { seedCostDemo } from "./demo.ts";
import { costJobHandlers } from "./reallocate.ts";
import "./cost.tables.ts";
import "./readiness.ts";

export { type CostAllocationSpec, costAllocationSpec } from "./allocation.schema.ts";
export {
  type Breakdown,
  type CostFilter,
  type CostQuery,
  type DailyCost,
  dailyCost,
  daysBetween,
  type Metric,
  metrics,
  type RollupDimension,
  rollupDimensions,
  sumCost,
} from "./cost.query.ts";
export { costDataDir, queryRows, withDuck } from "./duck.ts";
export { type ImportDeps, type ImportSummary, importFocusFiles } from "./import.service.ts";
export { fromNanos, toNanos } from "./money.ts";
export { type RawFilter, type ResourceCost, topResources } from "./parquet.query.ts";

/**
 * Cloud cost from FOCUS billing exports (issue 7). The lists below are meant to grow: the analytics part
 * (`analytics/`) adds its migrations, kinds, routes and job handlers with one entry each.
 */
const migrations = [...costMigrations];
const kinds = [costAllocationKind];
const routeSets: NonNullable<OpsdeckModule["routes"]>[] = [costRoutes];
const jobSets: NonNullable<OpsdeckModule["jobHandlers"]>[] = [costJobHandlers];
const commands = [...costCommands];
// Budgets, anomalies, forecasts and commitments (analytics/): one line each.
migrations.push(...costAnalyticsMigrations);
(kinds as KindHandler[]).push(...costAnalyticsKinds);
routeSets.push(costAnalyticsRoutes);
jobSets.push(costAnalyticsJobHandlers);
commands.push(...costAnalyticsCommands);

export const costModule: OpsdeckModule = {
  name: "cost",
  migrations,
  routes: (app, deps) => {
    for (const routes of routeSets) routes(app, deps);
  },
  kinds,
  commands,
  jobHandlers: (deps) => Object.assign({}, ...jobSets.map((jobs) => jobs(deps))),
  startPeriodicJobs: startCostAnalyticsJobs,
  seedDemo: async (db, ctx) => {
    await seedCostDemo(db, ctx);
    await seedCostAnalyticsDemo(db, ctx);
  },
};
