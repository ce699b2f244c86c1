import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppDeps, ZodApp } from "../../platform/modules.ts";
import { incidentRecords } from "./incident-kpis.ts";
import { incidentRecordView, kpiQuery, kpisResponse, recordsQuery, reportQuery } from "./kpis.schema.ts";
import { computeKpis } from "./kpis.service.ts";
import { renderMonthlyReport } from "./report.service.ts";

const tags = ["kpis"];

/** The report page frames the HTML report: this CSP lets its inline styles work and nothing else run. */
const reportCsp = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'";

export function kpiRoutes(app: ZodApp, { db, clock }: AppDeps): void {
  app.get(
    "/api/v1/kpis",
    {
      config: { permission: { role: "viewer" } },
      schema: {
        tags,
        description:
          "Operational KPIs for incidents triggered in [from, to): each with its definition, unit and groups (mean, median, n, record ids). Definitions: docs/kpis.md.",
        querystring: kpiQuery,
        response: { 200: kpisResponse },
      },
    },
    async (request) => {
      const { from, to, groupBy } = request.query;
      return computeKpis(db, clock, { from: new Date(from), to: new Date(to), groupBy });
    },
  );
  app.get(
    "/api/v1/kpis/records/incidents",
    {
      config: { permission: { role: "viewer" } },
      schema: {
        tags,
        description: "The incidents behind a KPI number (its recordIds), for the records drawer.",
        querystring: recordsQuery,
        response: { 200: z.object({ items: z.array(incidentRecordView) }) },
      },
    },
    async (request) => ({ items: await incidentRecords(db.read, request.query.ids) }),
  );
  // Its own scope: the report frame needs a different X-Frame-Options than the rest of the API.
  void app.register(async (scope: FastifyInstance) => {
    const r = scope.withTypeProvider<ZodTypeProvider>();
    r.addHook("onSend", async (request, reply) => {
      if (request.routeOptions.url === "/api/v1/reports/monthly") {
        void reply.header("x-frame-options", "SAMEORIGIN");
        void reply.header("content-security-policy", reportCsp);
      }
    });
    r.get(
      "/api/v1/reports/monthly",
      {
        config: { permission: { role: "viewer" } },
        schema: {
          tags,
          description:
            "The monthly operations review of a month (UTC) as html, md, csv, pdf (needs Chromium on the server) or json.",
          querystring: reportQuery,
        },
      },
      async (request, reply) => {
        const { month, format, theme } = request.query;
        const report = await renderMonthlyReport(db, clock, month, format, theme);
        void reply.header("content-type", report.contentType);
        if (format !== "html" && format !== "json")
          void reply.header(
            "content-disposition",
            `attachment; filename="operations-review-${month}.${report.extension}"`,
          );
        return reply.send(report.body);
      },
    );
  });
}
