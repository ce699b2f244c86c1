import { z } from "zod";
import type { AppDeps, ZodApp } from "../../platform/modules.ts";
import { createEntity, deleteEntity, getEntity, listEntities, updateEntity } from "./catalog.service.ts";
import {
  cycleView,
  entityDetail,
  entitySummary,
  graphView,
  kindParam,
  listQuery,
  scorecardView,
  walkQuery,
  walkView,
} from "./catalog.views.ts";
import { allCycles, graphAround, transitive } from "./graph.service.ts";
import { catalogKinds } from "./refs.ts";
import { allUnresolved, teamScorecard } from "./scorecard.service.ts";
import { readinessChecks } from "./scorecards.ts";

const tags = ["catalog"];
const viewer = { permission: { role: "viewer" as const } };
const manager = { permission: { role: "manager" as const } };
const params = z.object({ kind: kindParam, name: z.string().min(1).max(200) });
const body = z
  .record(z.string(), z.unknown())
  .describe("The kind's spec fields (see docs/catalog.md); `name` too when creating");
const walkResponse = (key: "dependents" | "dependencies") =>
  z.object({ [key]: z.array(walkView), cycles: z.array(cycleView), truncated: z.boolean() });

export function catalogRoutes(app: ZodApp, { db, clock }: AppDeps): void {
  app.get(
    "/api/v1/catalog/graph",
    {
      config: viewer,
      schema: {
        tags,
        description: "Nodes within `depth` of `root` in both directions, the edges among them, and cycles.",
        querystring: z
          .object({
            root: z.string().min(1).max(300),
            depth: z.coerce.number().int().min(1).max(10).default(3),
            maxNodes: z.coerce.number().int().min(1).max(2000).default(500),
          })
          .strict(),
        response: { 200: graphView },
      },
    },
    async (request) => graphAround(db, request.query.root, request.query.depth, request.query.maxNodes),
  );
  app.get(
    "/api/v1/catalog/cycles",
    { config: viewer, schema: { tags, response: { 200: z.object({ cycles: z.array(cycleView) }) } } },
    async () => ({ cycles: await allCycles(db) }),
  );
  app.get(
    "/api/v1/catalog/unresolved",
    {
      config: viewer,
      schema: {
        tags,
        description: "References to entities, teams or users that do not exist (yet): kept, not errors.",
        querystring: z.object({ kind: kindParam.optional() }).strict(),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                kind: z.string(),
                name: z.string(),
                field: z.string(),
                ref: z.string(),
                reason: z.string(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => allUnresolved(db, request.query.kind),
  );
  app.get(
    "/api/v1/catalog/scorecards/checks",
    {
      config: viewer,
      schema: {
        tags,
        response: {
          200: z.object({
            items: z.array(z.object({ id: z.string(), level: z.string(), title: z.string() })),
          }),
        },
      },
    },
    async () => ({ items: readinessChecks().map(({ id, level, title }) => ({ id, level, title })) }),
  );
  app.get(
    "/api/v1/catalog/scorecards/teams/:team",
    {
      config: viewer,
      schema: {
        tags,
        params: z.object({ team: z.string().min(1).max(200) }),
        response: {
          200: z.object({
            team: z.string(),
            displayName: z.string().nullable(),
            levels: z.object({ gold: z.number(), silver: z.number(), bronze: z.number(), none: z.number() }),
            checks: z.array(
              z.object({
                id: z.string(),
                level: z.string(),
                title: z.string(),
                passed: z.number(),
                failed: z.number(),
                notApplicable: z.number(),
              }),
            ),
            entities: z.array(
              z.object({
                kind: z.string(),
                name: z.string(),
                displayName: z.string(),
                tier: z.number().nullable(),
                scorecard: scorecardView,
              }),
            ),
          }),
        },
      },
    },
    async (request) => teamScorecard(db, clock, request.params.team),
  );
  app.get(
    "/api/v1/catalog/:kind",
    {
      config: viewer,
      schema: {
        tags,
        description: `Filtered, paginated list of one kind (${catalogKinds.join(", ")}). label=key or label=key=value, repeatable.`,
        params: z.object({ kind: kindParam }),
        querystring: listQuery,
        response: {
          200: z.object({
            items: z.array(entitySummary),
            total: z.number(),
            limit: z.number(),
            offset: z.number(),
          }),
        },
      },
    },
    async (request) => listEntities(db, request.params.kind, request.query),
  );
  app.post(
    "/api/v1/catalog/:kind",
    {
      config: manager,
      schema: { tags, params: z.object({ kind: kindParam }), body, response: { 201: entityDetail } },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createEntity(db, request.actionContext(), request.params.kind, request.body)),
  );
  app.get(
    "/api/v1/catalog/:kind/:name",
    { config: viewer, schema: { tags, params, response: { 200: entityDetail } } },
    async (request) => getEntity(db, clock, request.params.kind, request.params.name),
  );
  app.patch(
    "/api/v1/catalog/:kind/:name",
    {
      config: manager,
      schema: {
        tags,
        description: "Replaces the given top-level spec fields; null removes one.",
        params,
        body,
        response: { 200: entityDetail },
      },
    },
    async (request) =>
      updateEntity(db, request.actionContext(), request.params.kind, request.params.name, request.body),
  );
  app.delete(
    "/api/v1/catalog/:kind/:name",
    { config: manager, schema: { tags, params, response: { 204: z.null() } } },
    async (request, reply) => {
      await deleteEntity(db, request.actionContext(), request.params.kind, request.params.name);
      return reply.status(204).send(null);
    },
  );
  app.get(
    "/api/v1/catalog/:kind/:name/impact",
    {
      config: viewer,
      schema: {
        tags,
        description:
          "Who is hurt when this breaks: every entity that needs it, transitively, at its smallest depth.",
        params,
        querystring: walkQuery,
        response: { 200: walkResponse("dependents") },
      },
    },
    async (request) => {
      const r = await transitive(db, request.params.kind, request.params.name, "dependents", request.query);
      return { dependents: r.items, cycles: r.cycles, truncated: r.truncated };
    },
  );
  app.get(
    "/api/v1/catalog/:kind/:name/dependencies",
    {
      config: viewer,
      schema: {
        tags,
        description: "What this needs, transitively, at its smallest depth.",
        params,
        querystring: walkQuery,
        response: { 200: walkResponse("dependencies") },
      },
    },
    async (request) => {
      const r = await transitive(db, request.params.kind, request.params.name, "dependencies", request.query);
      return { dependencies: r.items, cycles: r.cycles, truncated: r.truncated };
    },
  );
  app.get(
    "/api/v1/catalog/:kind/:name/scorecard",
    { config: viewer, schema: { tags, params, response: { 200: scorecardView.nullable() } } },
    async (request) => (await getEntity(db, clock, request.params.kind, request.params.name)).scorecard,
  );
}
