import { z } from "zod";
import type { AppDeps, ZodApp } from "../../platform/modules.ts";
import { createActionItem, deleteActionItem, updateActionItem } from "./action-items.service.ts";
import { listActionItems } from "./action-items.views.ts";
import {
  actionItemView,
  createActionItemBody,
  listActionItemsQuery,
  updateActionItemBody,
} from "./postmortems.schema.ts";

const tags = ["postmortems"];
const viewer = { permission: { role: "viewer" as const } };
const responder = { permission: { role: "responder" as const } };
const params = z.object({ id: z.string().min(1).max(100) });

export function actionItemRoutes(app: ZodApp, { db, clock }: AppDeps): void {
  app.get(
    "/api/v1/action-items",
    {
      config: viewer,
      schema: {
        tags,
        querystring: listActionItemsQuery,
        response: { 200: z.object({ items: z.array(actionItemView) }) },
        description:
          "Action items of all postmortems; `overdue=true` for open items due before today, `owner=me`.",
      },
    },
    async (request) => {
      const actor = request.actor;
      const me = actor?.type === "user" ? actor.id : null;
      return { items: await listActionItems(db, clock, request.query, me) };
    },
  );
  app.post(
    "/api/v1/postmortems/:id/action-items",
    {
      config: responder,
      schema: { tags, params, body: createActionItemBody, response: { 201: actionItemView } },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createActionItem(db, request.actionContext(), request.params.id, request.body)),
  );
  app.patch(
    "/api/v1/action-items/:id",
    {
      config: responder,
      schema: { tags, params, body: updateActionItemBody, response: { 200: actionItemView } },
    },
    (request) => updateActionItem(db, request.actionContext(), request.params.id, request.body),
  );
  app.delete(
    "/api/v1/action-items/:id",
    { config: responder, schema: { tags, params, response: { 204: z.null() } } },
    async (request, reply) => {
      await deleteActionItem(db, request.actionContext(), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
