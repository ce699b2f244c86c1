import { z } from "zod";
import type { AppDeps, ZodApp } from "../../platform/modules.ts";
import { entityName } from "../../platform/schema-common.ts";
import { runbooksForIncident } from "./runbooks.match.ts";
import {
  createRunbookBody,
  diffQuery,
  diffView,
  incidentRunbookView,
  listRunbooksQuery,
  runbookDetail,
  runbookSummary,
  runbookVersionDetail,
  runbookVersionView,
  updateRunbookBody,
} from "./runbooks.schema.ts";
import {
  createRunbook,
  deleteRunbook,
  diffRunbook,
  getRunbook,
  getRunbookVersion,
  listRunbooks,
  listRunbookVersions,
  updateRunbook,
} from "./runbooks.service.ts";

const tags = ["runbooks"];
const viewer = { permission: { role: "viewer" as const } };
const responder = { permission: { role: "responder" as const } };
const manager = { permission: { role: "manager" as const } };
const params = z.object({ name: entityName });
const versionParams = z.object({ name: entityName, version: z.coerce.number().int().min(1) });

export function runbookRoutes(app: ZodApp, { db }: AppDeps): void {
  app.get(
    "/api/v1/runbooks",
    {
      config: viewer,
      schema: {
        tags,
        querystring: listRunbooksQuery,
        response: { 200: z.object({ items: z.array(runbookSummary) }) },
      },
    },
    async (request) => ({ items: await listRunbooks(db, request.query) }),
  );
  app.post(
    "/api/v1/runbooks",
    { config: responder, schema: { tags, body: createRunbookBody, response: { 201: runbookDetail } } },
    async (request, reply) => {
      const { name, message, ...spec } = request.body;
      return reply.status(201).send(await createRunbook(db, request.actionContext(), name, spec, message));
    },
  );
  app.get(
    "/api/v1/runbooks/:name",
    { config: viewer, schema: { tags, params, response: { 200: runbookDetail } } },
    (request) => getRunbook(db, request.params.name),
  );
  app.patch(
    "/api/v1/runbooks/:name",
    {
      config: responder,
      schema: {
        tags,
        params,
        body: updateRunbookBody,
        response: { 200: runbookDetail },
        description: "A new title or body saves a new version; services and matchers change in place.",
      },
    },
    (request) => updateRunbook(db, request.actionContext(), request.params.name, request.body),
  );
  app.delete(
    "/api/v1/runbooks/:name",
    { config: manager, schema: { tags, params, response: { 204: z.null() } } },
    async (request, reply) => {
      await deleteRunbook(db, request.actionContext(), request.params.name);
      return reply.status(204).send(null);
    },
  );
  app.get(
    "/api/v1/runbooks/:name/versions",
    {
      config: viewer,
      schema: { tags, params, response: { 200: z.object({ items: z.array(runbookVersionView) }) } },
    },
    async (request) => ({ items: await listRunbookVersions(db, request.params.name) }),
  );
  app.get(
    "/api/v1/runbooks/:name/versions/:version",
    { config: viewer, schema: { tags, params: versionParams, response: { 200: runbookVersionDetail } } },
    (request) => getRunbookVersion(db, request.params.name, request.params.version),
  );
  app.get(
    "/api/v1/runbooks/:name/diff",
    { config: viewer, schema: { tags, params, querystring: diffQuery, response: { 200: diffView } } },
    (request) => diffRunbook(db, request.params.name, request.query.from, request.query.to),
  );
  app.get(
    "/api/v1/incidents/:id/runbooks",
    {
      config: viewer,
      schema: {
        tags,
        params: z.object({ id: z.string().min(1).max(100).describe("incident id or number") }),
        response: { 200: z.object({ items: z.array(incidentRunbookView) }) },
      },
    },
    async (request) => ({ items: await runbooksForIncident(db, request.params.id) }),
  );
}
