import { z } from "zod";
import type { Database } from "../../platform/db/database.ts";
import type { KindHandler } from "../../platform/manifests/kinds.ts";
import { specStore } from "../../platform/manifests/spec-store.ts";

/** `kind: IncidentPolicy`, named after the service it governs. */
export const policySpec = z
  .object({
    /** Resolve an incident by itself when its last alert resolves (default). Off: a person must resolve it. */
    autoResolve: z.boolean().default(true),
  })
  .strict();
export type PolicySpec = z.output<typeof policySpec>;
export const policyView = z.object({ service: z.string(), autoResolve: z.boolean(), updatedAt: z.string() });

/** Policies by service; `auto_resolve` sits beside the JSON so incident resolution reads one column. */
const policies = specStore<PolicySpec, "incident_policies">({
  table: "incident_policies",
  key: "service",
  actionPrefix: "incident_policy",
  entityType: "incident_policy",
  notFound: (service) => `no incident policy for service '${service}'`,
  columns: (spec) => ({ auto_resolve: spec.autoResolve ? 1 : 0 }),
});

export const { put: putPolicy, remove: removePolicy } = policies;

export async function listPolicies(db: Database) {
  const rows = await db.read.selectFrom("incident_policies").selectAll().orderBy("service").execute();
  return rows.map((r) => ({
    service: r.service,
    autoResolve: Number(r.auto_resolve) === 1,
    updatedAt: r.updated_at,
  }));
}

export const policyKind: KindHandler<PolicySpec> = {
  apiVersion: "opsdeck.dev/v1",
  kind: "IncidentPolicy",
  order: 50,
  spec: policySpec as unknown as z.ZodType<PolicySpec>,
  current: policies.all,
  upsert: policies.put,
  remove: policies.remove,
};
