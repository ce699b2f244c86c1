import { createRoute } from "@tanstack/react-router";
import { appRoute } from "../../shell/routes.ts";
import { TeamPage } from "./TeamPage.tsx";
import { TeamsPage } from "./TeamsPage.tsx";

export const teamsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/admin/teams",
  component: TeamsPage,
});

export const teamRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/admin/teams/$name",
  component: TeamPage,
});
