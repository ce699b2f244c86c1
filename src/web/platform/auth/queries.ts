import { queryOptions } from "@tanstack/react-query";
import { api } from "../../lib/api.ts";
import type { Page, TokenView, UserView } from "../../lib/types.ts";

export const usersQuery = queryOptions({
  queryKey: ["users"],
  queryFn: ({ signal }) => api<Page<UserView>>("/api/v1/users", { signal, query: { limit: 1000 } }),
});

/** Admins may list everyone's tokens; everybody else sees their own. */
export function tokensQuery(all: boolean) {
  return queryOptions({
    queryKey: ["tokens", { all }],
    queryFn: ({ signal }) =>
      api<Page<TokenView>>("/api/v1/tokens", { signal, query: { all: all ? "true" : undefined } }),
  });
}
