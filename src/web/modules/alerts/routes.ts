import { createRoute } from "@tanstack/react-router";
import { appRoute } from "../../shell/routes.ts";
import { AlertsPage } from "./AlertsPage.tsx";
import { HeartbeatsPage } from "./HeartbeatsPage.tsx";
import { IntegrationPage } from "./IntegrationPage.tsx";
import { IntegrationsPage } from "./IntegrationsPage.tsx";
import { SilencesPage } from "./SilencesPage.tsx";
import { parseAlertSearch } from "./search.ts";

export const alertsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/alerts",
  validateSearch: parseAlertSearch,
  component: AlertsPage,
});

export const silencesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/alerts/silences",
  component: SilencesPage,
});

export const heartbeatsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/alerts/heartbeats",
  component: HeartbeatsPage,
});

export const integrationsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/alerts/integrations",
  component: IntegrationsPage,
});

export const integrationRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/alerts/integrations/$name",
  component: IntegrationPage,
});
