import { costAnalyticsCommands } from "./analytics.cli.ts";
import { costAnalyticsJobHandlers } from "./analytics.jobs.ts";
import { costAnalyticsMigrations } from "./analytics.migrations.ts";
import { costAnalyticsRoutes } from "./analytics.routes.ts";
import { anomalyPolicyKind, budgetKind } from "./budgets.kind.ts";
import "./analytics.tables.ts";

/**
 * Budgets, anomalies, forecasts and commitments (issue 7, parts 4-7): the cost module registers these
 * pieces from its own index. `scheduleCostAnalytics` is for the import, to evaluate right after it commits.
 */
export { scheduleCostAnalytics, startCostAnalyticsJobs } from "./analytics.jobs.ts";
export { seedCostAnalyticsDemo } from "./demo.ts";
export { costAnalyticsCommands, costAnalyticsJobHandlers, costAnalyticsMigrations, costAnalyticsRoutes };
export const costAnalyticsKinds = [budgetKind, anomalyPolicyKind];
