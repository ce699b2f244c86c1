import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import { api } from "../../lib/api.ts";
import type { Page } from "../../lib/types.ts";
import { type AlertSearch, labelMatcherSet } from "./search.ts";
import type {
  AlertPage,
  HeartbeatView,
  IntegrationDetail,
  IntegrationSummary,
  SilenceView,
} from "./types.ts";

/** The API does all the filtering (labels as Alertmanager matchers) and counts what matched. */
export const alertPageLimit = 500;

export function alertsQuery(f: AlertSearch) {
  return queryOptions({
    queryKey: ["alerts", "list", { ...f }],
    queryFn: ({ signal }) =>
      api<AlertPage>("/api/v1/alerts", {
        signal,
        query: {
          status: f.status ?? "firing",
          integration: f.integration,
          service: f.service,
          severity: f.severity,
          match: labelMatcherSet(f.label),
          limit: alertPageLimit,
        },
      }),
    placeholderData: keepPreviousData,
  });
}

export const silencesQuery = queryOptions({
  queryKey: ["alerts", "silences"],
  queryFn: ({ signal }) => api<Page<SilenceView>>("/api/v1/silences", { signal }),
});

export const heartbeatsQuery = queryOptions({
  queryKey: ["alerts", "heartbeats"],
  queryFn: ({ signal }) => api<Page<HeartbeatView>>("/api/v1/heartbeats", { signal }),
});

/** Managers only: the list and each integration carry intake URLs (and the detail, the key). */
export const integrationsQuery = queryOptions({
  queryKey: ["alerts", "integrations"],
  queryFn: ({ signal }) => api<Page<IntegrationSummary>>("/api/v1/integrations", { signal }),
  staleTime: 60_000,
});

export function integrationQuery(name: string) {
  return queryOptions({
    queryKey: ["alerts", "integrations", name],
    queryFn: ({ signal }) =>
      api<IntegrationDetail>(`/api/v1/integrations/${encodeURIComponent(name)}`, { signal }),
  });
}

export function rotateKey(name: string): Promise<IntegrationDetail> {
  return api<IntegrationDetail>(`/api/v1/integrations/${encodeURIComponent(name)}/rotate-key`, {
    method: "POST",
  });
}
