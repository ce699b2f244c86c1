import { createRoute } from "@tanstack/react-router";
import { appRoute } from "../../shell/routes.ts";
import { KpiDashboardPage } from "./KpiDashboardPage.tsx";
import { MonthlyReportPage } from "./MonthlyReportPage.tsx";
import { parseKpiSearch, parseReportSearch } from "./search.ts";

export const kpisRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/reports",
  validateSearch: parseKpiSearch,
  component: KpiDashboardPage,
});

export const monthlyReportRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/reports/monthly",
  validateSearch: parseReportSearch,
  component: MonthlyReportPage,
});
