import { createRoute } from "@tanstack/react-router";
import { appRoute } from "../../shell/routes.ts";
import { AnomaliesPage } from "./AnomaliesPage.tsx";
import { BudgetsPage } from "./BudgetsPage.tsx";
import { CommitmentsPage } from "./CommitmentsPage.tsx";
import { ExplorerPage } from "./ExplorerPage.tsx";
import { ImportsPage } from "./ImportsPage.tsx";
import { parseBudgetSearch, parseCostSearch, parseRangeSearch } from "./search.ts";
import { TaggingPage } from "./TaggingPage.tsx";

export const costRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/cost",
  validateSearch: parseCostSearch,
  component: ExplorerPage,
});

export const costBudgetsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/cost/budgets",
  validateSearch: parseBudgetSearch,
  component: BudgetsPage,
});

export const costAnomaliesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/cost/anomalies",
  validateSearch: parseRangeSearch,
  component: AnomaliesPage,
});

export const costCommitmentsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/cost/commitments",
  validateSearch: parseRangeSearch,
  component: CommitmentsPage,
});

export const costTaggingRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/cost/tagging",
  validateSearch: parseRangeSearch,
  component: TaggingPage,
});

export const costImportsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/cost/imports",
  component: ImportsPage,
});

/** Every cost page, for router.tsx. */
export const costRoutes = [
  costRoute,
  costBudgetsRoute,
  costAnomaliesRoute,
  costCommitmentsRoute,
  costTaggingRoute,
  costImportsRoute,
] as const;
