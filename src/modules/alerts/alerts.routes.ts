import { z } from "zod";
import type { AppDeps, ZodApp } from "../../platform/modules.ts";
import { entityName } from "../../platform/schema-common.ts";
import { alertPage, alertsOfIncident, alertView, listAlerts, listAlertsQuery } from "./alerts.views.ts";
import { heartbeatView, listHeartbeats } from "./heartbeats.service.ts";
import { IngestBatcher } from "./ingest.batcher.ts";
import { intakeRoutes } from "./ingest.routes.ts";
import {
  createIntegrationBody,
  integrationDetail,
  integrationSpec,
  integrationSummary,
} from "./integrations.schema.ts";
import {
  createIntegration,
  deleteIntegration,
  getIntegration,
  listIntegrations,
  replaceIntegration,
  rotateIntegrationKey,
} from "./integrations.service.ts";
import {
  createSilence,
  createSilenceBody,
  expireSilence,
  listSilences,
  silenceView,
} from "./silences.service.ts";

const tags = ["alerts"];
const viewer = { permission: { role: "viewer" as const } };
const manager = { permission: { role: "manager" as const } };
const named = z.object({ name: entityName });

export function alertRoutes(app: ZodApp, deps: AppDeps): void {
  const { db, config, clock } = deps;
  intakeRoutes(app, deps, new IngestBatcher(db, clock, { maxPending: config.ingestMaxPending }));

  app.get(
    "/api/v1/integrations",
    {
      config: manager,
      schema: { tags, response: { 200: z.object({ items: z.array(integrationSummary) }) } },
    },
    async () => ({ items: await listIntegrations(db, config.baseUrl) }),
  );
  app.post(
    "/api/v1/integrations",
    { config: manager, schema: { tags, body: createIntegrationBody, response: { 201: integrationDetail } } },
    async (request, reply) => {
      const { name, ...spec } = request.body;
      await createIntegration(db, request.actionContext(), name, spec);
      return reply.status(201).send(await getIntegration(db, config.baseUrl, name));
    },
  );
  app.get(
    "/api/v1/integrations/:name",
    {
      config: manager,
      schema: {
        tags,
        description: "The intake URL and key to configure the sender with.",
        params: named,
        response: { 200: integrationDetail },
      },
    },
    async (request) => getIntegration(db, config.baseUrl, request.params.name),
  );
  app.put(
    "/api/v1/integrations/:name",
    {
      config: manager,
      schema: { tags, params: named, body: integrationSpec, response: { 200: integrationDetail } },
    },
    async (request) => {
      await replaceIntegration(db, request.actionContext(), request.params.name, request.body);
      return getIntegration(db, config.baseUrl, request.params.name);
    },
  );
  app.delete(
    "/api/v1/integrations/:name",
    { config: manager, schema: { tags, params: named, response: { 204: z.null() } } },
    async (request, reply) => {
      await deleteIntegration(db, request.actionContext(), request.params.name);
      return reply.status(204).send(null);
    },
  );
  app.post(
    "/api/v1/integrations/:name/rotate-key",
    { config: manager, schema: { tags, params: named, response: { 200: integrationDetail } } },
    async (request) => {
      await rotateIntegrationKey(db, request.actionContext(), request.params.name);
      return getIntegration(db, config.baseUrl, request.params.name);
    },
  );

  app.get(
    "/api/v1/alerts",
    {
      config: viewer,
      schema: {
        tags,
        querystring: listAlertsQuery,
        response: { 200: alertPage },
      },
    },
    async (request) => listAlerts(db, request.query),
  );
  app.get(
    "/api/v1/incidents/:id/alerts",
    {
      config: viewer,
      schema: {
        tags: ["incidents"],
        params: z.object({ id: z.string().min(1).max(100) }),
        response: { 200: z.object({ items: z.array(alertView) }) },
      },
    },
    async (request) => ({ items: await alertsOfIncident(db, request.params.id) }),
  );

  app.get(
    "/api/v1/silences",
    {
      config: viewer,
      schema: {
        tags,
        querystring: z.object({ state: z.enum(["pending", "active", "expired"]).optional() }).strict(),
        response: { 200: z.object({ items: z.array(silenceView) }) },
      },
    },
    async (request) => ({ items: await listSilences(db, clock.now(), request.query.state) }),
  );
  app.post(
    "/api/v1/silences",
    { config: manager, schema: { tags, body: createSilenceBody, response: { 201: silenceView } } },
    async (request, reply) =>
      reply.status(201).send(await createSilence(db, request.actionContext(), request.body)),
  );
  app.delete(
    "/api/v1/silences/:id",
    {
      config: manager,
      schema: { tags, params: z.object({ id: z.string().min(1).max(100) }), response: { 200: silenceView } },
    },
    async (request) => expireSilence(db, request.actionContext(), request.params.id),
  );
  app.get(
    "/api/v1/heartbeats",
    { config: viewer, schema: { tags, response: { 200: z.object({ items: z.array(heartbeatView) }) } } },
    async () => ({ items: await listHeartbeats(db, clock) }),
  );
}
