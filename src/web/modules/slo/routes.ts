import { createRoute } from "@tanstack/react-router";
import { appRoute } from "../../shell/routes.ts";
import { RulesPage } from "./RulesPage.tsx";
import { SloPage } from "./SloPage.tsx";
import { SlosPage } from "./SlosPage.tsx";

export const slosRoute = createRoute({ getParentRoute: () => appRoute, path: "/slos", component: SlosPage });

/** A static segment, so it wins over an SLO named "rules" (the API's /slos/rules does the same). */
export const sloRulesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/slos/rules",
  component: RulesPage,
});

export const sloRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/slos/$name",
  component: SloPage,
});

/** Every SLO page, for the route tree in router.tsx. */
export const sloRoutes = [slosRoute, sloRulesRoute, sloRoute] as const;
