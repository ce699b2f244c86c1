import { queryOptions } from "@tanstack/react-query";
import { api } from "../../lib/api.ts";
import type { Page, TeamView } from "../../lib/types.ts";

export const teamsQuery = queryOptions({
  queryKey: ["teams"],
  queryFn: ({ signal }) => api<Page<TeamView>>("/api/v1/teams", { signal, query: { limit: 1000 } }),
});

export function teamQuery(name: string) {
  return queryOptions({
    queryKey: ["teams", name],
    queryFn: ({ signal }) => api<TeamView>(`/api/v1/teams/${encodeURIComponent(name)}`, { signal }),
  });
}

/** PUT adds, DELETE removes; both answer with the whole team, which becomes the cached team. */
export function setMembership(team: string, user: string, member: boolean): Promise<TeamView> {
  const path = `/api/v1/teams/${encodeURIComponent(team)}/members/${encodeURIComponent(user)}`;
  return api<TeamView>(path, { method: member ? "PUT" : "DELETE" });
}
