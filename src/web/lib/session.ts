import { queryOptions, useQuery } from "@tanstack/react-query";
import { ApiError, api } from "./api.ts";
import type { UserView } from "./types.ts";

/**
 * The signed-in user, or null when there is no valid session. A 401 is an answer here, not an error:
 * the layout route turns it into a redirect to the login page.
 */
export const meQuery = queryOptions({
  queryKey: ["me"],
  queryFn: async ({ signal }): Promise<UserView | null> => {
    try {
      return await api<UserView>("/api/v1/auth/me", { signal });
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return null;
      throw error;
    }
  },
  staleTime: 60_000,
});

/** Inside the signed-in layout the user is always known (the layout route loaded it first). */
export function useMe(): UserView {
  const { data } = useQuery(meQuery);
  if (!data) throw new Error("useMe() used outside the signed-in layout");
  return data;
}

export const setupStatusQuery = queryOptions({
  queryKey: ["setup"],
  queryFn: ({ signal }) => api<{ needsSetup: boolean }>("/api/v1/setup", { signal }),
});

/**
 * Where to go after signing in. Only same-origin paths are followed, so a crafted login link cannot send
 * the user to another site (open redirect).
 */
export function safeNext(next: string | undefined): string {
  if (next?.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\")) return next;
  return "/";
}
