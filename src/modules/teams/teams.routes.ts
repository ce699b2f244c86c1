import { z } from "zod";
import type { AppDeps, ZodApp } from "../../platform/modules.ts";
import { entityName } from "../../platform/schema-common.ts";
import { createTeamBody, teamView, updateTeamBody } from "./teams.schema.ts";
import {
  createTeam,
  deleteTeam,
  getTeam,
  listTeams,
  listTeamsQuery,
  setMembership,
  updateTeam,
} from "./teams.service.ts";

const tags = ["teams"];
const params = z.object({ name: z.string().min(1).max(200) });
const memberParams = z.object({ name: z.string().min(1).max(200), user: entityName });

export function teamRoutes(app: ZodApp, { db }: AppDeps): void {
  app.get(
    "/api/v1/teams",
    {
      config: { permission: { role: "viewer" } },
      schema: {
        tags,
        querystring: listTeamsQuery,
        response: { 200: z.object({ items: z.array(teamView) }) },
      },
    },
    async (request) => ({ items: await listTeams(db, request.query) }),
  );
  app.post(
    "/api/v1/teams",
    {
      config: { permission: { role: "manager" } },
      schema: { tags, body: createTeamBody, response: { 201: teamView } },
    },
    async (request, reply) => {
      const { name, ...spec } = request.body;
      return reply.status(201).send(await createTeam(db, request.actionContext(), name, spec));
    },
  );
  app.get(
    "/api/v1/teams/:name",
    { config: { permission: { role: "viewer" } }, schema: { tags, params, response: { 200: teamView } } },
    async (request) => getTeam(db, request.params.name),
  );
  app.patch(
    "/api/v1/teams/:name",
    {
      config: { permission: { role: "manager" } },
      schema: { tags, params, body: updateTeamBody, response: { 200: teamView } },
    },
    async (request) => updateTeam(db, request.actionContext(), request.params.name, request.body),
  );
  app.delete(
    "/api/v1/teams/:name",
    { config: { permission: { role: "manager" } }, schema: { tags, params, response: { 204: z.null() } } },
    async (request, reply) => {
      await deleteTeam(db, request.actionContext(), request.params.name);
      return reply.status(204).send(null);
    },
  );
  app.put(
    "/api/v1/teams/:name/members/:user",
    {
      config: { permission: { role: "manager" } },
      schema: { tags, params: memberParams, response: { 200: teamView } },
    },
    async (request) =>
      setMembership(db, request.actionContext(), request.params.name, request.params.user, true),
  );
  app.delete(
    "/api/v1/teams/:name/members/:user",
    {
      config: { permission: { role: "manager" } },
      schema: { tags, params: memberParams, response: { 200: teamView } },
    },
    async (request) =>
      setMembership(db, request.actionContext(), request.params.name, request.params.user, false),
  );
}
