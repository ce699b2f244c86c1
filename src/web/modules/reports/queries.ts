import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import { ApiError, api } from "../../lib/api.ts";
import type {
  AttentionSources,
  BudgetSummary,
  GroupBy,
  IncidentRecordView,
  KpisResponse,
  OverdueActionItem,
  SloSummary,
} from "./types.ts";

export function kpisQuery(range: { from: string; to: string; groupBy: GroupBy }) {
  return queryOptions({
    queryKey: ["kpis", range],
    queryFn: ({ signal }) => api<KpisResponse>("/api/v1/kpis", { signal, query: range }),
    placeholderData: keepPreviousData,
  });
}

/** The monthly report as HTML/Markdown text (the same renderer as the CLI). */
export function reportUrl(month: string, format: string, theme?: "light" | "dark"): string {
  return `/api/v1/reports/monthly?${new URLSearchParams({ month, format, ...(theme ? { theme } : {}) })}`;
}

export function reportTextQuery(month: string, format: "md") {
  return queryOptions({
    queryKey: ["reports", "monthly", month, format],
    queryFn: async ({ signal }) => {
      const res = await fetch(reportUrl(month, format), { signal, credentials: "same-origin" });
      if (!res.ok) {
        const body = await res.json().catch(() => ({ title: res.statusText }));
        throw new ApiError({ ...body, status: res.status });
      }
      return res.text();
    },
  });
}

export const attentionSourcesQuery = queryOptions({
  queryKey: ["home", "sources"],
  queryFn: ({ signal }) => api<AttentionSources>("/api/v1/kpis/attention-sources", { signal }),
  staleTime: Number.POSITIVE_INFINITY,
});

/**
 * A panel's data from another module's API; `null` when this instance does not serve it (the module is not
 * installed: the sources query says so, or the route answers 404), so the home page says "not available".
 */
async function optional<T>(path: string, signal: AbortSignal): Promise<T | null> {
  try {
    return await api<T>(path, { signal });
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

function attentionQuery<T>(key: keyof AttentionSources, path: string, served: boolean | undefined) {
  return queryOptions({
    queryKey: ["home", key, served],
    queryFn: ({ signal }) => (served ? optional<{ items: T[] }>(path, signal) : Promise.resolve(null)),
    enabled: served !== undefined,
  });
}

export const overdueActionItemsQuery = (served: boolean | undefined) =>
  attentionQuery<OverdueActionItem>("overdueActionItems", "/api/v1/action-items?overdue=true", served);
export const slosQuery = (served: boolean | undefined) =>
  attentionQuery<SloSummary>("slos", "/api/v1/slos", served);
export const budgetsQuery = (served: boolean | undefined) =>
  attentionQuery<BudgetSummary>("budgets", "/api/v1/cost/budgets", served);

/** The incidents behind one KPI number (at most 200 ids, the server's cap). */
export function incidentRecordsQuery(ids: string[]) {
  return queryOptions({
    queryKey: ["kpis", "records", ids],
    queryFn: ({ signal }) =>
      api<{ items: IncidentRecordView[] }>("/api/v1/kpis/records/incidents", {
        signal,
        query: { ids: ids.join(",") },
      }),
    enabled: ids.length > 0,
  });
}
