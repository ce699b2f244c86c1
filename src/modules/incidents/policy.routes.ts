import { z } from "zod";
import type { AppDeps, ZodApp } from "../../platform/modules.ts";
import { entityName } from "../../platform/schema-common.ts";
import { listPolicies, policySpec, policyView, putPolicy, removePolicy } from "./policy.service.ts";

const tags = ["incidents"];
const params = z.object({ service: entityName });

/** Per-service incident behaviour, the API side of `kind: IncidentPolicy`. */
export function policyRoutes(app: ZodApp, { db }: AppDeps): void {
  app.get(
    "/api/v1/incident-policies",
    {
      config: { permission: { role: "viewer" } },
      schema: { tags, response: { 200: z.object({ items: z.array(policyView) }) } },
    },
    async () => ({ items: await listPolicies(db) }),
  );
  app.put(
    "/api/v1/incident-policies/:service",
    {
      config: { permission: { role: "manager" } },
      schema: { tags, params, body: policySpec, response: { 200: policyView } },
    },
    async (request) => {
      await db.write((trx) => putPolicy(trx, request.actionContext(), request.params.service, request.body));
      const found = (await listPolicies(db)).find((p) => p.service === request.params.service);
      return found as z.output<typeof policyView>;
    },
  );
  app.delete(
    "/api/v1/incident-policies/:service",
    { config: { permission: { role: "manager" } }, schema: { tags, params, response: { 204: z.null() } } },
    async (request, reply) => {
      await db.write((trx) => removePolicy(trx, request.actionContext(), request.params.service));
      return reply.status(204).send(null);
    },
  );
}
