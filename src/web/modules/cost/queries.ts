import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import { api } from "../../lib/api.ts";
import { type CostView, dailyViewQuery, viewQuery } from "./search.ts";
import type {
  Anomaly,
  Breakdown,
  Budget,
  BudgetVariance,
  Commitments,
  CostImport,
  DailyCost,
  Forecast,
  Page,
  Tagging,
} from "./types.ts";

const base = "/api/v1/cost";

export function breakdownQuery(view: CostView) {
  return queryOptions({
    queryKey: ["cost", "breakdown", viewQuery(view)],
    queryFn: ({ signal }) => api<Breakdown>(`${base}/breakdown`, { signal, query: viewQuery(view) }),
    placeholderData: keepPreviousData,
  });
}

export function dailyQuery(view: CostView) {
  return queryOptions({
    queryKey: ["cost", "daily", dailyViewQuery(view)],
    queryFn: ({ signal }) => api<DailyCost>(`${base}/daily`, { signal, query: dailyViewQuery(view) }),
    placeholderData: keepPreviousData,
  });
}

export function forecastQuery(month: string, groupBy?: "team") {
  return queryOptions({
    queryKey: ["cost", "forecast", month, groupBy ?? null],
    queryFn: ({ signal }) => api<Forecast>(`${base}/forecast`, { signal, query: { month, groupBy } }),
  });
}

export const importsQuery = queryOptions({
  queryKey: ["cost", "imports"],
  queryFn: ({ signal }) => api<Page<CostImport>>(`${base}/imports`, { signal }),
});

export function taggingQuery(range: { from: string; to: string }) {
  return queryOptions({
    queryKey: ["cost", "tagging", range.from, range.to],
    queryFn: ({ signal }) => api<Tagging>(`${base}/tagging`, { signal, query: { ...range } }),
    placeholderData: keepPreviousData,
  });
}

export const budgetsQuery = queryOptions({
  queryKey: ["cost", "budgets"],
  queryFn: ({ signal }) => api<Page<Budget>>(`${base}/budgets`, { signal }),
});

export function varianceQuery(period: string) {
  return queryOptions({
    queryKey: ["cost", "variance", period],
    queryFn: ({ signal }) => api<BudgetVariance>(`${base}/budgets/variance`, { signal, query: { period } }),
    placeholderData: keepPreviousData,
  });
}

export function anomaliesQuery(range: { from: string; to: string }) {
  return queryOptions({
    queryKey: ["cost", "anomalies", range.from, range.to],
    queryFn: ({ signal }) => api<Page<Anomaly>>(`${base}/anomalies`, { signal, query: { ...range } }),
    placeholderData: keepPreviousData,
  });
}

export function commitmentsQuery(range: { from: string; to: string }) {
  return queryOptions({
    queryKey: ["cost", "commitments", range.from, range.to],
    queryFn: ({ signal }) => api<Commitments>(`${base}/commitments`, { signal, query: { ...range } }),
    placeholderData: keepPreviousData,
  });
}
