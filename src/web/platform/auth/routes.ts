import { createRoute, redirect } from "@tanstack/react-router";
import { meQuery, safeNext } from "../../lib/session.ts";
import { appRoute, rootRoute } from "../../shell/routes.ts";
import { LoginPage } from "./LoginPage.tsx";
import { SetupPage } from "./SetupPage.tsx";
import { TokensPage } from "./TokensPage.tsx";
import { UsersPage } from "./UsersPage.tsx";

/** Search params arrive untyped from the URL; keep only the strings we understand. */
function text(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

export const setupRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/setup",
  validateSearch: (search: Record<string, unknown>): { token?: string } => ({ token: text(search.token) }),
  component: SetupPage,
});

export const loginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/login",
  validateSearch: (search: Record<string, unknown>): { next?: string; setup?: "done" } => ({
    next: text(search.next),
    setup: search.setup === "done" ? "done" : undefined,
  }),
  // Someone already signed in has nothing to do here.
  beforeLoad: async ({ context, search }) => {
    const me = await context.queryClient.ensureQueryData(meQuery);
    if (me) throw redirect({ href: safeNext(search.next) });
  },
  component: LoginPage,
});

export const usersRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/admin/users",
  component: UsersPage,
});

export const tokensRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/admin/tokens",
  component: TokensPage,
});
