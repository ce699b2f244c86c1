import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import { api } from "../../lib/api.ts";
import { type ListSearch, labelTerms } from "./search.ts";
import type {
  CatalogKind,
  CatalogPage,
  EntityDetail,
  GraphView,
  TeamScorecard,
  Walk,
  WalkItem,
} from "./types.ts";

export const pageSize = 25;

const enc = encodeURIComponent;

/** The entity page's path segment; names are case-insensitive but shown as first written. */
export function entityPath(kind: string, name: string): string {
  return `/api/v1/catalog/${enc(kind)}/${enc(name)}`;
}

/**
 * The query string is built here rather than through `api()`'s `query` option because `label` repeats:
 * every term must match.
 */
export function listPath(kind: CatalogKind, f: Omit<ListSearch, "kind">): string {
  const params = new URLSearchParams();
  if (f.owner) params.set("owner", f.owner);
  if (f.tier) params.set("tier", String(f.tier));
  if (f.lifecycle) params.set("lifecycle", f.lifecycle);
  for (const term of labelTerms(f.label)) params.append("label", term);
  if (f.q) params.set("search", f.q);
  params.set("limit", String(pageSize));
  params.set("offset", String(((f.page ?? 1) - 1) * pageSize));
  return `/api/v1/catalog/${kind}?${params}`;
}

export function catalogListQuery(kind: CatalogKind, filters: Omit<ListSearch, "kind">) {
  return queryOptions({
    queryKey: ["catalog", "list", kind, filters],
    queryFn: ({ signal }) => api<CatalogPage>(listPath(kind, filters), { signal }),
    // Paging and filtering keep the old rows on screen until the new ones arrive: no flash of "Loading".
    placeholderData: keepPreviousData,
  });
}

export function entityQuery(kind: string, name: string) {
  return queryOptions({
    queryKey: ["catalog", "entity", kind, name.toLowerCase()],
    queryFn: ({ signal }) => api<EntityDetail>(entityPath(kind, name), { signal }),
  });
}

/** What an entity needs (`dependencies`) or who is hurt when it breaks (`dependents`), transitively. */
export function walkQuery(
  kind: string,
  name: string,
  direction: "dependencies" | "dependents",
  depth: number,
) {
  return queryOptions({
    queryKey: ["catalog", "walk", kind, name.toLowerCase(), direction, depth],
    queryFn: async ({ signal }): Promise<Walk> => {
      const path = `${entityPath(kind, name)}/${direction === "dependencies" ? "dependencies" : "impact"}`;
      const r = await api<Record<string, unknown> & Omit<Walk, "items">>(path, { signal, query: { depth } });
      return { items: (r[direction] ?? []) as WalkItem[], cycles: r.cycles, truncated: r.truncated };
    },
    placeholderData: keepPreviousData,
  });
}

export function graphQuery(root: string, depth: number) {
  return queryOptions({
    queryKey: ["catalog", "graph", root.toLowerCase(), depth],
    queryFn: ({ signal }) => api<GraphView>("/api/v1/catalog/graph", { signal, query: { root, depth } }),
    placeholderData: keepPreviousData,
  });
}

/** Every service of a team; a team owning more than a thousand services is not a case to page for. */
export function teamServicesQuery(team: string) {
  return queryOptions({
    queryKey: ["catalog", "list", "service", { owner: team, all: true }],
    queryFn: ({ signal }) =>
      api<CatalogPage>("/api/v1/catalog/service", { signal, query: { owner: team, limit: 1000 } }),
  });
}

export function teamScorecardQuery(team: string) {
  return queryOptions({
    queryKey: ["catalog", "team-scorecard", team],
    queryFn: ({ signal }) => api<TeamScorecard>(`/api/v1/catalog/scorecards/teams/${enc(team)}`, { signal }),
  });
}

/** Every service name, for the graph page's root picker. */
export const serviceNamesQuery = queryOptions({
  queryKey: ["catalog", "list", "service", { names: true }],
  queryFn: ({ signal }) => api<CatalogPage>("/api/v1/catalog/service", { signal, query: { limit: 1000 } }),
  staleTime: 60_000,
});
