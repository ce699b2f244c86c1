import { z } from "zod";
import type { AppDeps, ZodApp } from "../../platform/modules.ts";
import { entityName } from "../../platform/schema-common.ts";
import { escalationView, policyView } from "./escalation.schema.ts";
import { incidentEscalation } from "./escalation.views.ts";
import {
  createPolicy,
  deletePolicyByName,
  getPolicy,
  listPolicies,
  replacePolicy,
} from "./policies.service.ts";

const tags = ["escalation"];
const viewer = { permission: { role: "viewer" as const } };
const manager = { permission: { role: "manager" as const } };
const params = z.object({ name: entityName });
// The spec is validated by the service, so that a field is named the same way (`levels.1.targets.0`)
// whether it came through the API, the CLI or a manifest.
const specBody = (what: string) =>
  z.record(z.string(), z.unknown()).describe(`The EscalationPolicy spec (docs/escalation.md)${what}`);

/** Escalation policies: CRUD (managers, viewers read), and an incident's escalation (viewers). */
export function escalationRoutes(app: ZodApp, { db }: AppDeps): void {
  app.get(
    "/api/v1/escalation-policies",
    { config: viewer, schema: { tags, response: { 200: z.object({ items: z.array(policyView) }) } } },
    async () => ({ items: await listPolicies(db) }),
  );
  app.post(
    "/api/v1/escalation-policies",
    { config: manager, schema: { tags, body: specBody(", with `name`"), response: { 201: policyView } } },
    async (request, reply) =>
      reply.status(201).send(await createPolicy(db, request.actionContext(), request.body)),
  );
  app.get(
    "/api/v1/escalation-policies/:name",
    { config: viewer, schema: { tags, params, response: { 200: policyView } } },
    async (request) => getPolicy(db, request.params.name),
  );
  app.put(
    "/api/v1/escalation-policies/:name",
    {
      config: manager,
      schema: {
        tags,
        description: "Replaces the policy's spec.",
        params,
        body: specBody(""),
        response: { 200: policyView },
      },
    },
    async (request) => replacePolicy(db, request.actionContext(), request.params.name, request.body),
  );
  app.delete(
    "/api/v1/escalation-policies/:name",
    { config: manager, schema: { tags, params, response: { 204: z.null() } } },
    async (request, reply) => {
      await deletePolicyByName(db, request.actionContext(), request.params.name);
      return reply.status(204).send(null);
    },
  );
  app.get(
    "/api/v1/incidents/:id/escalation",
    {
      config: viewer,
      schema: {
        tags,
        description: "Where the incident's escalation stands, and its steps (due, done or cancelled).",
        params: z.object({ id: z.string().min(1).max(100).describe("incident id or number") }),
        response: { 200: escalationView },
      },
    },
    async (request) => incidentEscalation(db, request.params.id),
  );
}
