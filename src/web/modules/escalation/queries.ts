import { queryOptions } from "@tanstack/react-query";
import { api } from "../../lib/api.ts";
import type { PolicyView } from "./types.ts";

const base = "/api/v1/escalation-policies";
const path = (name: string) => `${base}/${encodeURIComponent(name)}`;

export const policiesQuery = queryOptions({
  queryKey: ["escalation", "policies"],
  queryFn: ({ signal }) => api<{ items: PolicyView[] }>(base, { signal }),
});

export function policyQuery(name: string) {
  return queryOptions({
    queryKey: ["escalation", "policies", name],
    queryFn: ({ signal }) => api<PolicyView>(path(name), { signal }),
  });
}

export function createPolicy(body: Record<string, unknown>): Promise<PolicyView> {
  return api<PolicyView>(base, { method: "POST", body });
}

export function replacePolicy(name: string, spec: Record<string, unknown>): Promise<PolicyView> {
  return api<PolicyView>(path(name), { method: "PUT", body: spec });
}

export function deletePolicy(name: string): Promise<void> {
  return api<void>(path(name), { method: "DELETE" });
}
