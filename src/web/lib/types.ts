/**
 * Shapes of the API's answers, straight from the server's zod schemas (type-only imports: nothing of the
 * server reaches the bundle), so a contract change fails `npm run typecheck`. Roles come from the server's
 * pure context module, so the UI and the server order them the same way.
 */
import type { TeamView } from "../../modules/teams/teams.schema.ts";
import type { AuditEntry } from "../../platform/audit/audit.schema.ts";
import type { TokenView } from "../../platform/auth/tokens.schema.ts";
import type { UserView } from "../../platform/auth/users.schema.ts";
import { type Role, roleAtLeast, roles } from "../../platform/context.ts";

export { type AuditEntry, type Role, roleAtLeast, roles, type TeamView, type TokenView, type UserView };

export interface Page<T> {
  items: T[];
}
