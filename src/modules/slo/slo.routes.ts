import { z } from "zod";
import type { AppDeps, ZodApp } from "../../platform/modules.ts";
import { pushBody, pushEvents } from "./events.service.ts";
import {
  alertEntryView,
  detailView,
  listQuery,
  seriesQuery,
  seriesView,
  statusQuery,
  statusView,
  summaryView,
} from "./slo.views.ts";
import { getSeries, getSloDetail, getStatus, listAlertHistory, listSloSummaries } from "./views.service.ts";

const tags = ["slo"];
const params = z.object({ name: z.string().min(1).max(200) });
const viewer = { permission: { role: "viewer" as const } };

export function sloRoutes(app: ZodApp, { db, clock }: AppDeps): void {
  app.get(
    "/api/v1/slos",
    {
      config: viewer,
      schema: { tags, querystring: listQuery, response: { 200: z.object({ items: z.array(summaryView) }) } },
    },
    async (request) => ({ items: await listSloSummaries(db, clock, request.query.service) }),
  );
  app.get(
    "/api/v1/slos/:name",
    { config: viewer, schema: { tags, params, response: { 200: detailView } } },
    async (request) => getSloDetail(db, clock, request.params.name),
  );
  app.get(
    "/api/v1/slos/:name/status",
    { config: viewer, schema: { tags, params, querystring: statusQuery, response: { 200: statusView } } },
    async (request) => getStatus(db, clock, request.params.name, request.query.at),
  );
  app.get(
    "/api/v1/slos/:name/series",
    { config: viewer, schema: { tags, params, querystring: seriesQuery, response: { 200: seriesView } } },
    async (request) => getSeries(db, clock, request.params.name, request.query),
  );
  app.get(
    "/api/v1/slos/:name/alerts",
    {
      config: viewer,
      schema: { tags, params, response: { 200: z.object({ items: z.array(alertEntryView) }) } },
    },
    async (request) => ({ items: await listAlertHistory(db, request.params.name) }),
  );
  // Responders (and their API tokens) push: the same people who run the service and its exporters.
  app.post(
    "/api/v1/slos/:name/events",
    {
      config: { permission: { role: "responder" } },
      schema: {
        tags,
        params,
        body: pushBody,
        response: { 200: z.object({ accepted: z.number() }) },
      },
      bodyLimit: 4 * 1024 * 1024,
    },
    async (request) => pushEvents(db, request.actionContext(), request.params.name, request.body),
  );
}
