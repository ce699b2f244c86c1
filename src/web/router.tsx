import type { QueryClient } from "@tanstack/react-query";
import { createRouter } from "@tanstack/react-router";
import {
  alertsRoute,
  heartbeatsRoute,
  integrationRoute,
  integrationsRoute,
  silencesRoute,
} from "./modules/alerts/routes.ts";
import { catalogEntityRoute, catalogGraphRoute, catalogRoute } from "./modules/catalog/routes.ts";
import { costRoutes } from "./modules/cost/routes.ts";
import { newPolicyRoute, policiesRoute, policyRoute } from "./modules/escalation/routes.ts";
import { incidentRoute, incidentsRoute } from "./modules/incidents/routes.ts";
import { myNotificationsRoute, notificationLogRoute } from "./modules/notify/routes.ts";
import { scheduleRoute, schedulesRoute } from "./modules/oncall/routes.ts";
import { postmortemRoutes } from "./modules/postmortems/routes.ts";
import { kpisRoute, monthlyReportRoute } from "./modules/reports/routes.ts";
import { sloRoutes } from "./modules/slo/routes.ts";
import { teamRoute, teamsRoute } from "./modules/teams/routes.ts";
import { auditRoute } from "./platform/audit/routes.ts";
import { loginRoute, setupRoute, tokensRoute, usersRoute } from "./platform/auth/routes.ts";
import { appRoute, homeRoute, placeholderRoute, rootRoute } from "./shell/routes.ts";

/**
 * The whole route tree. A module adds its routes to the signed-in branch here and its entry to nav.ts;
 * until then, the placeholder route answers for it.
 */
const routeTree = rootRoute.addChildren([
  setupRoute,
  loginRoute,
  appRoute.addChildren([
    homeRoute,
    catalogRoute,
    catalogGraphRoute,
    catalogEntityRoute,
    incidentsRoute,
    incidentRoute,
    alertsRoute,
    silencesRoute,
    heartbeatsRoute,
    integrationsRoute,
    integrationRoute,
    schedulesRoute,
    scheduleRoute,
    policiesRoute,
    newPolicyRoute,
    policyRoute,
    ...sloRoutes,
    ...costRoutes,
    ...postmortemRoutes,
    myNotificationsRoute,
    notificationLogRoute,
    usersRoute,
    teamsRoute,
    teamRoute,
    tokensRoute,
    auditRoute,
    kpisRoute,
    monthlyReportRoute,
    placeholderRoute,
  ]),
]);

export function createAppRouter(queryClient: QueryClient) {
  return createRouter({
    routeTree,
    context: { queryClient },
    // Hovering a link starts loading its page; data freshness stays TanStack Query's business.
    defaultPreload: "intent",
    defaultPreloadStaleTime: 0,
    scrollRestoration: true,
  });
}

declare module "@tanstack/react-router" {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
