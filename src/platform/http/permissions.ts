import type { ActionContext, Actor, Role } from "../context.ts";

/**
 * What every route must declare: `public` (anyone), `authenticated` (any signed-in user or token),
 * a minimum role, or `custom` when the route authenticates its callers itself (integration keys,
 * secret iCal URLs) and says how in `reason`.
 */
export type Permission = "public" | "authenticated" | { role: Role } | { custom: string };

declare module "fastify" {
  interface FastifyContextConfig {
    permission?: Permission;
  }
  interface FastifyRequest {
    actor: Actor | null;
    /** The action context for services; throws when the route let an anonymous caller through. */
    actionContext(): ActionContext;
  }
}

export function describePermission(p: Permission): string {
  if (p === "public" || p === "authenticated") return p;
  if ("role" in p) return `role:${p.role}`;
  return `custom:${p.custom}`;
}
