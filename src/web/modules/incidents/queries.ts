import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import { api } from "../../lib/api.ts";
import type { Page } from "../../lib/types.ts";
import type { AlertView } from "../alerts/types.ts";
import { apiStatus, type IncidentListSearch, timeBounds } from "./search.ts";
import type { IncidentDetail, IncidentRole, IncidentSummary, TimelineEntry } from "./types.ts";

/** Query keys: live updates invalidate by these prefixes, so every incident query hangs below one of them. */
export const incidentKeys = {
  all: ["incidents"] as const,
  lists: ["incidents", "list"] as const,
  one: (ref: string) => ["incidents", "one", ref] as const,
};

/** The API lists at most this many; the counts say "1000+" beyond it. */
export const listLimit = 1000;

const enc = encodeURIComponent;

function listParams(filters: IncidentListSearch) {
  return {
    status: apiStatus(filters.status),
    severity: filters.severity,
    service: filters.service,
    ...timeBounds(filters),
    limit: listLimit,
  };
}

export function incidentListQuery(filters: IncidentListSearch) {
  return queryOptions({
    queryKey: [...incidentKeys.lists, "rows", filters],
    queryFn: ({ signal }) =>
      api<Page<IncidentSummary>>("/api/v1/incidents", { signal, query: listParams(filters) }),
    // Changing a filter keeps the old rows on screen until the new ones arrive: no flash of "Loading".
    placeholderData: keepPreviousData,
  });
}

/**
 * The same filters over every status, for the counts on the status tabs. The API has no count endpoint, so
 * this lists up to `listLimit` incidents and counts them; beyond that the tabs say "1000+".
 */
export function incidentCountsQuery(filters: Omit<IncidentListSearch, "status">) {
  return queryOptions({
    queryKey: [...incidentKeys.lists, "counts", filters],
    queryFn: async ({ signal }) => {
      const page = await api<Page<IncidentSummary>>("/api/v1/incidents", {
        signal,
        query: listParams({ ...filters, status: "all" }),
      });
      const counts = { triggered: 0, acknowledged: 0, resolved: 0 };
      for (const i of page.items) counts[i.status] += 1;
      return { ...counts, total: page.items.length, capped: page.items.length >= listLimit };
    },
    placeholderData: keepPreviousData,
  });
}

/** Open incidents, newest first: the home page's "what is burning". */
export const openIncidentsQuery = queryOptions({
  queryKey: [...incidentKeys.lists, { status: "open", home: true }],
  queryFn: ({ signal }) =>
    api<Page<IncidentSummary>>("/api/v1/incidents", {
      signal,
      query: { status: apiStatus("open"), limit: 100 },
    }),
});

export function incidentQuery(ref: string) {
  return queryOptions({
    queryKey: [...incidentKeys.one(ref), "detail"],
    queryFn: ({ signal }) => api<IncidentDetail>(`/api/v1/incidents/${enc(ref)}`, { signal }),
  });
}

export function timelineQuery(ref: string) {
  return queryOptions({
    queryKey: [...incidentKeys.one(ref), "timeline"],
    queryFn: ({ signal }) => api<Page<TimelineEntry>>(`/api/v1/incidents/${enc(ref)}/timeline`, { signal }),
  });
}

export function incidentAlertsQuery(ref: string) {
  return queryOptions({
    queryKey: [...incidentKeys.one(ref), "alerts"],
    queryFn: ({ signal }) => api<Page<AlertView>>(`/api/v1/incidents/${enc(ref)}/alerts`, { signal }),
  });
}

/** Every change to one incident; each answers with the whole incident, which becomes the cached one. */
export const incidentActions = {
  acknowledge: (ref: string) =>
    api<IncidentDetail>(`/api/v1/incidents/${enc(ref)}/acknowledge`, { method: "POST", body: {} }),
  resolve: (ref: string, note?: string) =>
    api<IncidentDetail>(`/api/v1/incidents/${enc(ref)}/resolve`, { method: "POST", body: { note } }),
  note: (ref: string, text: string) =>
    api<IncidentDetail>(`/api/v1/incidents/${enc(ref)}/notes`, { method: "POST", body: { text } }),
  statusUpdate: (ref: string, text: string, status?: "acknowledged" | "resolved") =>
    api<IncidentDetail>(`/api/v1/incidents/${enc(ref)}/status-updates`, {
      method: "POST",
      body: { text, status },
    }),
  assign: (ref: string, role: IncidentRole, user: string | null) =>
    api<IncidentDetail>(
      `/api/v1/incidents/${enc(ref)}/roles/${role}`,
      user ? { method: "PUT", body: { user } } : { method: "DELETE" },
    ),
  merge: (ref: string, into: string) =>
    api<IncidentDetail>(`/api/v1/incidents/${enc(ref)}/merge`, { method: "POST", body: { into } }),
};
