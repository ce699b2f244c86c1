import type { QueryClient } from "@tanstack/react-query";
import { createRootRouteWithContext, createRoute, Outlet, redirect } from "@tanstack/react-router";
import { meQuery } from "../lib/session.ts";
import { ErrorPage, NotFoundPage } from "./ErrorPages.tsx";
import { HomePage } from "./HomePage.tsx";
import { Layout } from "./Layout.tsx";
import { PlaceholderPage } from "./PlaceholderPage.tsx";

export interface RouterContext {
  queryClient: QueryClient;
}

export const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: Outlet,
  notFoundComponent: NotFoundPage,
  errorComponent: ErrorPage,
});

/**
 * The signed-in part of the app: a pathless layout route whose beforeLoad sends anyone without a session
 * to the login page, remembering where they wanted to go. Module routes hang below it.
 */
export const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: "signed-in",
  component: Layout,
  beforeLoad: async ({ context, location }) => {
    const me = await context.queryClient.ensureQueryData(meQuery);
    if (!me) throw redirect({ to: "/login", search: { next: location.href } });
    return { me };
  },
});

export const homeRoute = createRoute({ getParentRoute: () => appRoute, path: "/", component: HomePage });

/**
 * One route for every module announced in the navigation but not built yet. Static routes win over this
 * parameter, so a module that ships its own `/catalog` route replaces the placeholder without edits here.
 */
export const placeholderRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "$module",
  component: PlaceholderPage,
});
