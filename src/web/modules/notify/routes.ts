import { createRoute } from "@tanstack/react-router";
import { appRoute } from "../../shell/routes.ts";
import { MyNotificationsPage } from "./MyNotificationsPage.tsx";
import { NotificationLogPage } from "./NotificationLogPage.tsx";
import { parseLogSearch } from "./search.ts";

export const myNotificationsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/me/notifications",
  component: MyNotificationsPage,
});

export const notificationLogRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/admin/notifications",
  validateSearch: parseLogSearch,
  component: NotificationLogPage,
});
