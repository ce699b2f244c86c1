import { createRoute } from "@tanstack/react-router";
import { appRoute } from "../../shell/routes.ts";
import { IncidentListPage } from "./IncidentListPage.tsx";
import { IncidentPage } from "./IncidentPage.tsx";
import { parseIncidentSearch } from "./search.ts";

export const incidentsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/incidents",
  validateSearch: parseIncidentSearch,
  component: IncidentListPage,
});

/** `$ref` is the incident's number (what people say: "incident 42") or its id; the API takes both. */
export const incidentRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/incidents/$ref",
  component: IncidentPage,
});
