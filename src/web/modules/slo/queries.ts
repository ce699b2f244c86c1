import { queryOptions } from "@tanstack/react-query";
import { ApiError, api } from "../../lib/api.ts";
import type { AlertEntry, SeriesPoint, SloDetail, SloSummary } from "./types.ts";

const base = "/api/v1/slos";
const path = (name: string) => `${base}/${encodeURIComponent(name)}`;

export const slosQuery = queryOptions({
  queryKey: ["slo", "list"],
  queryFn: ({ signal }) => api<{ items: SloSummary[] }>(base, { signal }),
  refetchInterval: 60_000,
});

export function sloQuery(name: string) {
  return queryOptions({
    queryKey: ["slo", name, "detail"],
    queryFn: ({ signal }) => api<SloDetail>(path(name), { signal }),
    refetchInterval: 60_000,
  });
}

/** The SLI and remaining budget over [from, to], in `points` evenly spaced points. */
export function seriesQuery(name: string, from: string, to: string, points = 120) {
  return queryOptions({
    queryKey: ["slo", name, "series", from, to, points],
    queryFn: ({ signal }) =>
      api<{ points: SeriesPoint[] }>(`${path(name)}/series`, { signal, query: { from, to, points } }),
  });
}

export function alertsQuery(name: string) {
  return queryOptions({
    queryKey: ["slo", name, "alerts"],
    queryFn: ({ signal }) => api<{ items: AlertEntry[] }>(`${path(name)}/alerts`, { signal }),
  });
}

/** The Prometheus rule file: YAML text, not JSON, so it is fetched here rather than through api(). */
export const rulesQuery = queryOptions({
  queryKey: ["slo", "rules", "prometheus"],
  queryFn: async ({ signal }) => {
    const response = await fetch(`${base}/rules?format=prometheus`, {
      credentials: "same-origin",
      signal,
      headers: { accept: "application/yaml" },
    });
    if (!response.ok)
      throw new ApiError({ title: response.statusText || "Request failed", status: response.status });
    return response.text();
  },
});
