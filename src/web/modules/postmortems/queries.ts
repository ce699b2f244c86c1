import { queryOptions } from "@tanstack/react-query";
import { api } from "../../lib/api.ts";
import type {
  ActionItemView,
  DiffView,
  IncidentRunbookView,
  PostmortemDetail,
  PostmortemSummary,
  RunbookDetail,
  RunbookSummary,
  RunbookVersion,
} from "./types.ts";

const enc = encodeURIComponent;

export function postmortemsQuery(status?: string) {
  return queryOptions({
    queryKey: ["postmortems", "list", { status }],
    queryFn: ({ signal }) =>
      api<{ items: PostmortemSummary[] }>("/api/v1/postmortems", { signal, query: { status } }),
  });
}

export function postmortemQuery(id: string) {
  return queryOptions({
    queryKey: ["postmortems", id],
    queryFn: ({ signal }) => api<PostmortemDetail>(`/api/v1/postmortems/${enc(id)}`, { signal }),
  });
}

/** An incident's postmortem, or null when it has none yet. */
export function incidentPostmortemQuery(ref: string) {
  return queryOptions({
    queryKey: ["postmortems", "incident", ref],
    queryFn: async ({ signal }) => {
      const page = await api<{ items: PostmortemSummary[] }>("/api/v1/postmortems", {
        signal,
        query: { incident: ref },
      });
      return page.items[0] ?? null;
    },
  });
}

export interface ActionItemFilters {
  overdue?: boolean;
  team?: string;
  owner?: string;
  status?: string;
}

export function actionItemsQuery(f: ActionItemFilters) {
  return queryOptions({
    queryKey: ["action-items", f],
    queryFn: ({ signal }) =>
      api<{ items: ActionItemView[] }>("/api/v1/action-items", {
        signal,
        query: { overdue: f.overdue ? "true" : undefined, team: f.team, owner: f.owner, status: f.status },
      }),
  });
}

export const createPostmortem = (incidentRef: string) =>
  api<PostmortemDetail>(`/api/v1/incidents/${enc(incidentRef)}/postmortem`, { method: "POST", body: {} });
export const updatePostmortem = (id: string, body: { title?: string; sections?: Record<string, string> }) =>
  api<PostmortemDetail>(`/api/v1/postmortems/${enc(id)}`, { method: "PATCH", body });
export const changeStatus = (id: string, status: string) =>
  api<PostmortemDetail>(`/api/v1/postmortems/${enc(id)}/status`, { method: "POST", body: { status } });
export const setReviewers = (id: string, reviewers: string[]) =>
  api<PostmortemDetail>(`/api/v1/postmortems/${enc(id)}/reviewers`, { method: "PUT", body: { reviewers } });
export const review = (id: string, decision: "approved" | "changes_requested", comment: string) =>
  api<PostmortemDetail>(`/api/v1/postmortems/${enc(id)}/review`, {
    method: "POST",
    body: { decision, comment },
  });

export const createActionItem = (postmortemId: string, body: Record<string, unknown>) =>
  api<ActionItemView>(`/api/v1/postmortems/${enc(postmortemId)}/action-items`, { method: "POST", body });
export const updateActionItem = (id: string, body: Record<string, unknown>) =>
  api<ActionItemView>(`/api/v1/action-items/${enc(id)}`, { method: "PATCH", body });
export const deleteActionItem = (id: string) =>
  api<void>(`/api/v1/action-items/${enc(id)}`, { method: "DELETE" });

export function runbooksQuery(search?: string) {
  return queryOptions({
    queryKey: ["runbooks", "list", { search }],
    queryFn: ({ signal }) =>
      api<{ items: RunbookSummary[] }>("/api/v1/runbooks", { signal, query: { search } }),
  });
}

export function runbookQuery(name: string) {
  return queryOptions({
    queryKey: ["runbooks", name],
    queryFn: ({ signal }) => api<RunbookDetail>(`/api/v1/runbooks/${enc(name)}`, { signal }),
  });
}

export function runbookVersionsQuery(name: string) {
  return queryOptions({
    queryKey: ["runbooks", name, "versions"],
    queryFn: ({ signal }) =>
      api<{ items: RunbookVersion[] }>(`/api/v1/runbooks/${enc(name)}/versions`, { signal }),
  });
}

export function runbookDiffQuery(name: string, from: number, to: number) {
  return queryOptions({
    queryKey: ["runbooks", name, "diff", from, to],
    queryFn: ({ signal }) =>
      api<DiffView>(`/api/v1/runbooks/${enc(name)}/diff`, { signal, query: { from, to } }),
  });
}

export function incidentRunbooksQuery(ref: string) {
  return queryOptions({
    queryKey: ["runbooks", "incident", ref],
    queryFn: ({ signal }) =>
      api<{ items: IncidentRunbookView[] }>(`/api/v1/incidents/${enc(ref)}/runbooks`, { signal }),
  });
}

export const createRunbook = (body: Record<string, unknown>) =>
  api<RunbookDetail>("/api/v1/runbooks", { method: "POST", body });
export const updateRunbook = (name: string, body: Record<string, unknown>) =>
  api<RunbookDetail>(`/api/v1/runbooks/${enc(name)}`, { method: "PATCH", body });
