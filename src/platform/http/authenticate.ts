import "@fastify/cookie";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { actorFromSession } from "../auth/login.service.ts";
import { actorFromToken } from "../auth/tokens.service.ts";
import type { Clock } from "../clock.ts";
import { type Actor, roleAtLeast } from "../context.ts";
import type { Database } from "../db/database.ts";
import { describePermission, type Permission } from "./permissions.ts";
import { sendProblem } from "./problem.ts";

export interface SessionCookie {
  name: string;
  secure: boolean;
}

/** `__Host-` cookies need Secure, which browsers honour over https and on loopback http. */
export function sessionCookieFor(baseUrl: string): SessionCookie {
  const url = new URL(baseUrl);
  const loopback = ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
  const secure = url.protocol === "https:" || loopback;
  return { name: secure ? "__Host-opsdeck_session" : "opsdeck_session", secure };
}

/** Header the web UI sends with every cookie-authenticated change: a cross-site form cannot set it. */
export const csrfHeader = "x-opsdeck-request";

const unsafeMethods = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Checks every request against the permission its route declared, before the body is even validated,
 * so an anonymous caller learns nothing about the expected input. Routes without a declaration cannot be
 * registered at all (see `requirePermissionOnEveryRoute`).
 */
export function registerAuthentication(
  app: FastifyInstance,
  deps: { db: Database; clock: Clock; cookie: SessionCookie },
): void {
  app.decorateRequest("actor", null);
  app.decorateRequest("actionContext", function (this: FastifyRequest) {
    if (!this.actor) throw new Error("route reached without an actor; its permission must not be public");
    return { actor: this.actor, requestId: String(this.id), clock: deps.clock };
  });

  app.addHook("onRequest", async (request: FastifyRequest, reply: FastifyReply) => {
    const permission = request.routeOptions.config?.permission;
    if (
      permission === undefined ||
      permission === "public" ||
      (typeof permission === "object" && "custom" in permission)
    ) {
      // Public routes still learn who is calling when they can (e.g. the setup status page).
      if (permission === "public")
        request.actor = await identify(request, deps).then(
          (r) => r?.actor ?? null,
          () => null,
        );
      return;
    }
    const actor = await identify(request, deps);
    if (!actor) {
      return sendProblem(reply, request, {
        type: "urn:opsdeck:problem:unauthenticated",
        title: "Unauthenticated",
        status: 401,
        detail: "sign in, or send Authorization: Bearer TOKEN",
      });
    }
    if (actor.viaCookie && unsafeMethods.has(request.method) && request.headers[csrfHeader] === undefined) {
      return sendProblem(reply, request, {
        type: "urn:opsdeck:problem:csrf",
        title: "Forbidden",
        status: 403,
        detail: `cookie-authenticated changes must carry the ${csrfHeader} header`,
      });
    }
    request.actor = actor.actor;
    if (typeof permission === "object" && "role" in permission) {
      const ok = actor.actor.type === "user" && roleAtLeast(actor.actor.role, permission.role);
      if (!ok) {
        return sendProblem(reply, request, {
          type: "urn:opsdeck:problem:forbidden",
          title: "Forbidden",
          status: 403,
          detail: `this needs ${describePermission(permission)}`,
        });
      }
    }
  });
}

async function identify(
  request: FastifyRequest,
  deps: { db: Database; clock: Clock; cookie: SessionCookie },
): Promise<{ actor: Actor; viaCookie: boolean } | null> {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    if (!m?.[1]) return null;
    const actor = await actorFromToken(deps.db, deps.clock, m[1]);
    return actor ? { actor, viaCookie: false } : null;
  }
  const session = request.cookies?.[deps.cookie.name];
  if (session) {
    const actor = await actorFromSession(deps.db, deps.clock, session);
    return actor ? { actor, viaCookie: true } : null;
  }
  return null;
}

/**
 * Refuses, at registration, any route that does not say who may call it. Third-party plugins that
 * cannot take our route config (the API reference page) are listed by prefix and become public.
 */
export function requirePermissionOnEveryRoute(app: FastifyInstance, publicPrefixes: string[]): RouteEntry[] {
  const table: RouteEntry[] = [];
  app.addHook("onRoute", (route) => {
    for (const method of [route.method].flat()) {
      if (method !== "HEAD")
        table.push({ method, url: route.url, permission: () => route.config?.permission });
    }
    if (publicPrefixes.some((p) => route.url.startsWith(p))) {
      route.config = { ...route.config, permission: "public" };
      return;
    }
    if (route.config?.permission === undefined) {
      throw new Error(`route ${String(route.method)} ${route.url} declares no permission`);
    }
  });
  return table;
}

/** One registered route and what it declared: the permission test is generated from this table. */
export interface RouteEntry {
  method: string;
  url: string;
  permission(): Permission | undefined;
}
