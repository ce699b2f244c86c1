import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import { ApiError, api } from "../../lib/api.ts";
import type {
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

/** A home-page panel's items from another module's API (every module is part of every opsdeck). */
function attentionQuery<T>(key: string, path: string) {
  return queryOptions({
    queryKey: ["home", key],
    queryFn: ({ signal }) => api<{ items: T[] }>(path, { signal }),
  });
}

export const overdueActionItemsQuery = attentionQuery<OverdueActionItem>(
  "overdueActionItems",
  "/api/v1/action-items?overdue=true",
);
export const slosQuery = attentionQuery<SloSummary>("slos", "/api/v1/slos");
export const budgetsQuery = attentionQuery<BudgetSummary>("budgets", "/api/v1/cost/budgets");

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
