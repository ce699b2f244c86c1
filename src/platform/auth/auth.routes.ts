import { z } from "zod";
import { sessionCookieFor } from "../http/authenticate.ts";
import type { AppDeps, ZodApp } from "../modules.ts";
import { currentUser, login, logout } from "./login.service.ts";
import { completeSetup, needsSetup } from "./setup.service.ts";
import { createToken, listTokens, revokeToken, tokenView } from "./tokens.service.ts";
import { createUserBody, updateUserBody, userView } from "./users.schema.ts";
import { createUser, getUser, listUsers, listUsersQuery, updateUser } from "./users.service.ts";

const tags = ["auth"];

export function authRoutes(app: ZodApp, deps: AppDeps): void {
  const cookie = sessionCookieFor(deps.config.baseUrl);

  app.get(
    "/api/v1/setup",
    {
      config: { permission: "public" },
      schema: { tags, response: { 200: z.object({ needsSetup: z.boolean() }) } },
    },
    async () => ({ needsSetup: await needsSetup(deps.db) }),
  );

  app.post(
    "/api/v1/setup",
    {
      config: { permission: "public" },
      schema: {
        tags,
        description:
          "Creates the first admin with the one-time token from the setup link printed at first start.",
        body: z.object({ token: z.string().min(1), user: createUserBody.omit({ role: true }) }).strict(),
        response: { 201: userView },
      },
    },
    async (request, reply) => {
      const user = await completeSetup(deps.db, deps.clock, String(request.id), request.body);
      return reply.status(201).send(user);
    },
  );

  app.post(
    "/api/v1/auth/login",
    {
      config: { permission: "public" },
      schema: {
        tags,
        body: z.object({ email: z.string().min(1).max(320), password: z.string().min(1).max(1024) }).strict(),
        response: { 200: z.object({ user: userView, expiresAt: z.string() }) },
      },
    },
    async (request, reply) => {
      const result = await login(deps.db, deps.clock, {
        ...request.body,
        address: request.ip,
        sessionHours: deps.config.sessionHours,
      });
      void reply.setCookie(cookie.name, result.sessionToken, {
        path: "/",
        httpOnly: true,
        secure: cookie.secure,
        sameSite: "lax",
        expires: new Date(result.expiresAt),
      });
      return { user: result.user, expiresAt: result.expiresAt };
    },
  );

  app.post(
    "/api/v1/auth/logout",
    {
      // Public so that a stale or expired cookie can still be cleared; it only ever ends the caller's own session.
      config: { permission: "public" },
      schema: { tags, response: { 204: z.null() } },
    },
    async (request, reply) => {
      const session = request.cookies[cookie.name];
      if (session) await logout(deps.db, session);
      void reply.clearCookie(cookie.name, {
        path: "/",
        secure: cookie.secure,
        httpOnly: true,
        sameSite: "lax",
      });
      return reply.status(204).send(null);
    },
  );

  app.get(
    "/api/v1/auth/me",
    { config: { permission: "authenticated" }, schema: { tags, response: { 200: userView } } },
    async (request) => currentUser(deps.db, request.actionContext().actor),
  );

  app.get(
    "/api/v1/users",
    {
      config: { permission: { role: "viewer" } },
      schema: {
        tags,
        querystring: listUsersQuery,
        response: { 200: z.object({ items: z.array(userView) }) },
      },
    },
    async (request) => ({ items: await listUsers(deps.db, request.query) }),
  );

  app.post(
    "/api/v1/users",
    {
      config: { permission: { role: "admin" } },
      schema: { tags, body: createUserBody, response: { 201: userView } },
    },
    async (request, reply) =>
      reply.status(201).send(await createUser(deps.db, request.actionContext(), request.body)),
  );

  const nameParams = z.object({ name: z.string().min(1).max(200) });
  app.get(
    "/api/v1/users/:name",
    {
      config: { permission: { role: "viewer" } },
      schema: { tags, params: nameParams, response: { 200: userView } },
    },
    async (request) => getUser(deps.db, request.params.name),
  );

  app.patch(
    "/api/v1/users/:name",
    {
      config: { permission: "authenticated" },
      schema: {
        tags,
        description: "Admins change anything; users change their own display name, time zone and password.",
        params: nameParams,
        body: updateUserBody,
        response: { 200: userView },
      },
    },
    async (request) => updateUser(deps.db, request.actionContext(), request.params.name, request.body),
  );

  app.get(
    "/api/v1/tokens",
    {
      config: { permission: "authenticated" },
      schema: {
        tags,
        querystring: z.object({ all: z.enum(["true", "false"]).default("false") }),
        response: { 200: z.object({ items: z.array(tokenView) }) },
      },
    },
    async (request) => ({
      items: await listTokens(deps.db, request.actionContext().actor, request.query.all === "true"),
    }),
  );

  app.post(
    "/api/v1/tokens",
    {
      config: { permission: "authenticated" },
      schema: {
        tags,
        description: "The token is in the response once; only its hash is stored.",
        body: z
          .object({ name: z.string().min(1).max(100), user: z.string().min(1).max(320).optional() })
          .strict(),
        response: { 201: z.object({ token: z.string(), item: tokenView }) },
      },
    },
    async (request, reply) => {
      const ctx = request.actionContext();
      const user = request.body.user ?? (ctx.actor.type === "user" ? ctx.actor.name : "");
      const { token, view } = await createToken(deps.db, ctx, { user, name: request.body.name });
      return reply.status(201).send({ token, item: view });
    },
  );

  app.delete(
    "/api/v1/tokens/:id",
    {
      config: { permission: "authenticated" },
      schema: { tags, params: z.object({ id: z.string().min(1).max(100) }), response: { 200: tokenView } },
    },
    async (request) => revokeToken(deps.db, request.actionContext(), request.params.id),
  );
}
