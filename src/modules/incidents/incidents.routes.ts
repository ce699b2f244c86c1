import { z } from "zod";
import type { AppDeps, ZodApp } from "../../platform/modules.ts";
import {
  actionBody,
  declareBody,
  incidentDetail,
  incidentRole,
  incidentSummary,
  listIncidentsQuery,
  mergeBody,
  roleBody,
  statusUpdateBody,
  textBody,
  timelineEntry,
  updateBody,
} from "./incidents.schema.ts";
import {
  acknowledgeIncident,
  addNote,
  assignRole,
  declareIncident,
  postStatusUpdate,
  resolveIncident,
  updateIncident,
} from "./incidents.service.ts";
import { incidentStreamRoute } from "./incidents.stream.ts";
import { getIncident, getTimeline, listIncidents } from "./incidents.views.ts";
import { mergeIncident } from "./merge.service.ts";
import { policyRoutes } from "./policy.routes.ts";

const tags = ["incidents"];
const viewer = { permission: { role: "viewer" as const } };
const responder = { permission: { role: "responder" as const } };
const params = z.object({ id: z.string().min(1).max(100).describe("incident id or number") });
const detail = { 200: incidentDetail };

export function incidentRoutes(app: ZodApp, deps: AppDeps): void {
  const { db } = deps;
  incidentStreamRoute(app, deps);
  policyRoutes(app, deps);
  app.get(
    "/api/v1/incidents",
    {
      config: viewer,
      schema: {
        tags,
        querystring: listIncidentsQuery,
        response: { 200: z.object({ items: z.array(incidentSummary) }) },
      },
    },
    async (request) => ({ items: await listIncidents(db, request.query) }),
  );
  app.post(
    "/api/v1/incidents",
    { config: responder, schema: { tags, body: declareBody, response: { 201: incidentDetail } } },
    async (request, reply) =>
      reply.status(201).send(await declareIncident(db, request.actionContext(), request.body)),
  );
  app.get(
    "/api/v1/incidents/:id",
    { config: viewer, schema: { tags, params, response: detail } },
    async (request) => getIncident(db, request.params.id),
  );
  app.patch(
    "/api/v1/incidents/:id",
    { config: responder, schema: { tags, params, body: updateBody, response: detail } },
    async (request) => updateIncident(db, request.actionContext(), request.params.id, request.body),
  );
  app.get(
    "/api/v1/incidents/:id/timeline",
    {
      config: viewer,
      schema: { tags, params, response: { 200: z.object({ items: z.array(timelineEntry) }) } },
    },
    async (request) => ({ items: await getTimeline(db, request.params.id) }),
  );
  app.post(
    "/api/v1/incidents/:id/acknowledge",
    { config: responder, schema: { tags, params, body: actionBody, response: detail } },
    async (request) =>
      acknowledgeIncident(db, request.actionContext(), request.params.id, request.body?.note || undefined),
  );
  app.post(
    "/api/v1/incidents/:id/resolve",
    { config: responder, schema: { tags, params, body: actionBody, response: detail } },
    async (request) =>
      resolveIncident(db, request.actionContext(), request.params.id, request.body?.note || undefined),
  );
  app.post(
    "/api/v1/incidents/:id/notes",
    { config: responder, schema: { tags, params, body: textBody, response: { 201: incidentDetail } } },
    async (request, reply) =>
      reply
        .status(201)
        .send(await addNote(db, request.actionContext(), request.params.id, request.body.text)),
  );
  app.post(
    "/api/v1/incidents/:id/status-updates",
    {
      config: responder,
      schema: { tags, params, body: statusUpdateBody, response: { 201: incidentDetail } },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await postStatusUpdate(db, request.actionContext(), request.params.id, request.body)),
  );
  app.put(
    "/api/v1/incidents/:id/roles/:role",
    {
      config: responder,
      schema: { tags, params: params.extend({ role: incidentRole }), body: roleBody, response: detail },
    },
    async (request) =>
      assignRole(db, request.actionContext(), request.params.id, request.params.role, request.body.user),
  );
  app.delete(
    "/api/v1/incidents/:id/roles/:role",
    { config: responder, schema: { tags, params: params.extend({ role: incidentRole }), response: detail } },
    async (request) => assignRole(db, request.actionContext(), request.params.id, request.params.role, null),
  );
  app.post(
    "/api/v1/incidents/:id/merge",
    {
      config: responder,
      schema: {
        tags,
        description:
          "Merges this incident into `into` (id or number); answers with the incident merged into.",
        params,
        body: mergeBody,
        response: detail,
      },
    },
    async (request) => mergeIncident(db, request.actionContext(), request.params.id, request.body.into),
  );
}
