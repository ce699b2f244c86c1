import { queryOptions } from "@tanstack/react-query";
import { api } from "../../lib/api.ts";
import type { Page } from "../../lib/types.ts";
import type { OverrideView, ScheduleView, ShiftView } from "./types.ts";

const path = (name: string) => `/api/v1/schedules/${encodeURIComponent(name)}`;

export const schedulesQuery = queryOptions({
  queryKey: ["oncall", "schedules"],
  queryFn: ({ signal }) => api<Page<ScheduleView>>("/api/v1/schedules", { signal }),
});

export function scheduleQuery(name: string) {
  return queryOptions({
    queryKey: ["oncall", "schedules", name],
    queryFn: ({ signal }) => api<ScheduleView>(path(name), { signal }),
  });
}

export function shiftsQuery(name: string, from: string, to: string) {
  return queryOptions({
    queryKey: ["oncall", "schedules", name, "shifts", from, to],
    queryFn: ({ signal }) =>
      api<{ shifts: ShiftView[] }>(`${path(name)}/shifts`, { signal, query: { from, to } }),
  });
}

export function overridesQuery(name: string, from: string, to: string) {
  return queryOptions({
    queryKey: ["oncall", "schedules", name, "overrides", from, to],
    queryFn: ({ signal }) =>
      api<Page<OverrideView>>(`${path(name)}/overrides`, { signal, query: { from, to } }),
  });
}

export function createOverride(name: string, body: Record<string, unknown>): Promise<OverrideView> {
  return api<OverrideView>(`${path(name)}/overrides`, { method: "POST", body });
}

export function deleteOverride(name: string, id: string): Promise<void> {
  return api<void>(`${path(name)}/overrides/${encodeURIComponent(id)}`, { method: "DELETE" });
}

export { path as schedulePath };

/** The schedules of one team (`GET /api/v1/schedules?team=NAME`), each with who is on call now. */
export function teamSchedulesQuery(team: string) {
  return queryOptions({
    queryKey: ["oncall", "schedules", { team }],
    queryFn: ({ signal }) => api<Page<ScheduleView>>("/api/v1/schedules", { signal, query: { team } }),
  });
}
