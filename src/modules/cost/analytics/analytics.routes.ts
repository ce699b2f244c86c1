import { z } from "zod";
import type { AppDeps, ZodApp } from "../../../platform/modules.ts";
import {
  anomalyView,
  budgetView,
  commitmentsView,
  currencyCode,
  forecastQuery,
  forecastView,
  rangeQuery,
  varianceQuery,
  varianceView,
} from "./analytics.schema.ts";
import { listAnomalies } from "./anomalies.query.ts";
import { budgetStatuses, varianceReport } from "./budgets.report.ts";
import { commitmentsBetween, forecastMonth } from "./reports.service.ts";

const tags = ["cost"];
const viewer = { permission: { role: "viewer" as const } };
const withCurrency = { currency: currencyCode.optional() };

/** Read-only FinOps views: every viewer may see budgets, anomalies, forecasts and commitments. */
export function costAnalyticsRoutes(app: ZodApp, { db, clock }: AppDeps): void {
  app.get(
    "/api/v1/cost/budgets",
    { config: viewer, schema: { tags, response: { 200: z.object({ items: z.array(budgetView) }) } } },
    async () => ({ items: await budgetStatuses(db, clock) }),
  );
  app.get(
    "/api/v1/cost/budgets/variance",
    { config: viewer, schema: { tags, querystring: varianceQuery, response: { 200: varianceView } } },
    async (request) => varianceReport(db, request.query.period),
  );
  app.get(
    "/api/v1/cost/anomalies",
    {
      config: viewer,
      schema: { tags, querystring: rangeQuery, response: { 200: z.object({ items: z.array(anomalyView) }) } },
    },
    async (request) => ({ items: await listAnomalies(db, request.query) }),
  );
  app.get(
    "/api/v1/cost/forecast",
    {
      config: viewer,
      schema: {
        tags,
        querystring: forecastQuery.extend(withCurrency).strict(),
        response: { 200: forecastView },
      },
    },
    async (request) => forecastMonth(db, request.query),
  );
  app.get(
    "/api/v1/cost/commitments",
    {
      config: viewer,
      schema: {
        tags,
        querystring: rangeQuery.extend(withCurrency).strict(),
        response: { 200: commitmentsView },
      },
    },
    async (request) => commitmentsBetween(db, request.query),
  );
}
