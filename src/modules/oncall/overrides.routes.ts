import { z } from "zod";
import type { AppDeps, ZodApp } from "../../platform/modules.ts";
import { createOverrideBody, listOverridesQuery, overrideView } from "./oncall.schema.ts";
import { createOverride, deleteOverride, listOverrides } from "./overrides.service.ts";

const tags = ["oncall"];
const params = z.object({ name: z.string().min(1).max(200) });

/**
 * Overrides: "take this shift" (a responder puts themselves on call) and "cover me" (a responder hands
 * their own on-call time to someone else). The service decides what each role may do.
 */
export function overrideRoutes(app: ZodApp, { db, clock }: AppDeps): void {
  app.get(
    "/api/v1/schedules/:name/overrides",
    {
      config: { permission: { role: "viewer" } },
      schema: {
        tags,
        description: "Overrides from the spec and the API that end after `from` (default now), by start.",
        params,
        querystring: listOverridesQuery,
        response: { 200: z.object({ items: z.array(overrideView) }) },
      },
    },
    async (request) => ({ items: await listOverrides(db, clock, request.params.name, request.query) }),
  );
  app.post(
    "/api/v1/schedules/:name/overrides",
    {
      config: { permission: { role: "responder" } },
      schema: {
        tags,
        description:
          "Without `user`: the caller takes the time. With another user: a responder may hand over only time they are on call for; managers may set anyone.",
        params,
        body: createOverrideBody,
        response: { 201: overrideView },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createOverride(db, request.actionContext(), request.params.name, request.body)),
  );
  app.delete(
    "/api/v1/schedules/:name/overrides/:id",
    {
      config: { permission: { role: "responder" } },
      schema: {
        tags,
        description:
          "Its creator, the user it puts on call, or a manager may delete an override that has not ended.",
        params: params.extend({ id: z.string().min(1).max(100) }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await deleteOverride(db, request.actionContext(), request.params.name, request.params.id);
      return reply.status(204).send(null);
    },
  );
}
