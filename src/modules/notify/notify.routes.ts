import { z } from "zod";
import type { AppDeps, ZodApp } from "../../platform/modules.ts";
import {
  addContactMethod,
  getMyRules,
  listMyContactMethods,
  putMyRules,
  removeContactMethod,
  sendTestMessage,
} from "./contact-methods.service.ts";
import { listMessages } from "./messages.repository.ts";
import {
  contactMethodView,
  createContactMethodBody,
  createdContactMethodView,
  listMessagesQuery,
  messageView,
  rulesBody,
  rulesView,
} from "./notify.schema.ts";

const tags = ["notify"];
const params = z.object({ id: z.string().min(1).max(64) });

/** A user's own contact methods and rules (any signed-in user), and the notification log (managers). */
export function notifyRoutes(app: ZodApp, { db }: AppDeps): void {
  app.get(
    "/api/v1/me/contact-methods",
    {
      config: { permission: "authenticated" },
      schema: { tags, response: { 200: z.object({ items: z.array(contactMethodView) }) } },
    },
    async (request) => ({ items: await listMyContactMethods(db, request.actionContext()) }),
  );
  app.post(
    "/api/v1/me/contact-methods",
    {
      config: { permission: "authenticated" },
      schema: { tags, body: createContactMethodBody, response: { 201: createdContactMethodView } },
    },
    async (request, reply) =>
      reply.status(201).send(await addContactMethod(db, request.actionContext(), request.body)),
  );
  app.delete(
    "/api/v1/me/contact-methods/:id",
    { config: { permission: "authenticated" }, schema: { tags, params, response: { 204: z.null() } } },
    async (request, reply) => {
      await removeContactMethod(db, request.actionContext(), request.params.id);
      return reply.status(204).send(null);
    },
  );
  app.post(
    "/api/v1/me/contact-methods/:id/test",
    { config: { permission: "authenticated" }, schema: { tags, params, response: { 202: messageView } } },
    async (request, reply) =>
      reply.status(202).send(await sendTestMessage(db, request.actionContext(), request.params.id)),
  );
  app.get(
    "/api/v1/me/notification-rules",
    { config: { permission: "authenticated" }, schema: { tags, response: { 200: rulesView } } },
    async (request) => ({ items: await getMyRules(db, request.actionContext()) }),
  );
  app.put(
    "/api/v1/me/notification-rules",
    {
      config: { permission: "authenticated" },
      schema: { tags, body: rulesBody, response: { 200: rulesView } },
    },
    async (request) => ({ items: await putMyRules(db, request.actionContext(), request.body.items) }),
  );
  app.get(
    "/api/v1/notifications",
    {
      config: { permission: { role: "manager" } },
      schema: {
        tags,
        querystring: listMessagesQuery,
        response: { 200: z.object({ items: z.array(messageView) }) },
      },
    },
    async (request) => ({ items: await listMessages(db.read, request.query) }),
  );
}
