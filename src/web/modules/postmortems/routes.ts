import { createRoute } from "@tanstack/react-router";
import { appRoute } from "../../shell/routes.ts";
import { ActionItemsPage } from "./ActionItemsPage.tsx";
import { NewRunbookPage } from "./NewRunbookPage.tsx";
import { PostmortemListPage } from "./PostmortemListPage.tsx";
import { PostmortemPage } from "./PostmortemPage.tsx";
import { RunbookListPage } from "./RunbookListPage.tsx";
import { RunbookPage } from "./RunbookPage.tsx";

export const postmortemsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/postmortems",
  component: PostmortemListPage,
});

export const postmortemRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/postmortems/$id",
  component: PostmortemPage,
});

export interface ActionItemSearch {
  overdue?: boolean;
  team?: string;
  owner?: string;
  status?: string;
}

/** Filters live in the URL, so "my overdue items" and "the data team's overdue items" can be bookmarked. */
export const actionItemsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/postmortems/action-items",
  validateSearch: (s: Record<string, unknown>): ActionItemSearch => ({
    overdue: s.overdue === true || s.overdue === "true" ? true : undefined,
    team: typeof s.team === "string" && s.team ? s.team : undefined,
    owner: typeof s.owner === "string" && s.owner ? s.owner : undefined,
    status: typeof s.status === "string" && s.status ? s.status : undefined,
  }),
  component: ActionItemsPage,
});

export const runbooksRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/postmortems/runbooks",
  component: RunbookListPage,
});

export const newRunbookRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/postmortems/runbooks/new",
  component: NewRunbookPage,
});

export const runbookRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/postmortems/runbooks/$name",
  component: RunbookPage,
});

/** Every page of this module, for the route tree in router.tsx. */
export const postmortemRoutes = [
  postmortemsRoute,
  postmortemRoute,
  actionItemsRoute,
  runbooksRoute,
  newRunbookRoute,
  runbookRoute,
] as const;
