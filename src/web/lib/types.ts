/**
 * Shapes of the API's answers. Users and teams come straight from the server's zod schemas (type-only
 * imports: nothing of the server reaches the bundle), so a contract change fails `npm run typecheck`.
 * Tokens and audit entries are declared in server service files that import I/O, so they are mirrored here.
 */
import type { TeamView } from "../../modules/teams/teams.schema.ts";
import type { UserView } from "../../platform/auth/users.schema.ts";
import type { Role } from "../../platform/context.ts";

export type { Role, TeamView, UserView };

/** Ordered from least to most privileged, as the server's `roleAtLeast` compares them. */
export const roles = ["viewer", "responder", "manager", "admin"] as const satisfies readonly Role[];

export function roleAtLeast(role: Role, required: Role): boolean {
  return roles.indexOf(role) >= roles.indexOf(required);
}

export interface TokenView {
  id: string;
  name: string;
  user: string;
  hint: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface AuditEntry {
  id: string;
  at: string;
  actor: { type: string; id: string | null; label: string };
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
  requestId: string | null;
}

export interface Page<T> {
  items: T[];
}
