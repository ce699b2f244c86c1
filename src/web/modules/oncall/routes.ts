import { createRoute } from "@tanstack/react-router";
import { appRoute } from "../../shell/routes.ts";
import { SchedulePage } from "./SchedulePage.tsx";
import { SchedulesPage } from "./SchedulesPage.tsx";

export const schedulesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/oncall",
  component: SchedulesPage,
});

export const scheduleRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/oncall/schedules/$name",
  component: SchedulePage,
});
