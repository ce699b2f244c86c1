import { createRoute } from "@tanstack/react-router";
import { appRoute } from "../../shell/routes.ts";
import { AuditPage } from "./AuditPage.tsx";
import { type AuditFilters, pageSizes } from "./queries.ts";

/** Filters live in the URL, so a filtered audit view can be bookmarked or sent to an auditor. */
export const auditRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/admin/audit",
  validateSearch: (search: Record<string, unknown>): Partial<AuditFilters> => {
    const limit = Number(search.limit);
    return {
      actor: typeof search.actor === "string" && search.actor ? search.actor : undefined,
      entityType: typeof search.entityType === "string" && search.entityType ? search.entityType : undefined,
      limit: pageSizes.includes(limit) ? limit : undefined,
    };
  },
  component: AuditPage,
});
