import type { Kysely } from "kysely";
import { z } from "zod";
import { recordAudit } from "../../platform/audit/index.ts";
import { toIso } from "../../platform/clock.ts";
import type { ActionContext } from "../../platform/context.ts";
import type { Database } from "../../platform/db/database.ts";
import type { Tables } from "../../platform/db/tables.ts";
import { NotFoundError } from "../../platform/errors.ts";
import type { KindHandler } from "../../platform/manifests/kinds.ts";

/** `kind: IncidentPolicy`, named after the service it governs. */
export const policySpec = z
  .object({
    /** Resolve an incident by itself when its last alert resolves (default). Off: a person must resolve it. */
    autoResolve: z.boolean().default(true),
  })
  .strict();
export type PolicySpec = z.output<typeof policySpec>;
export const policyView = z.object({ service: z.string(), autoResolve: z.boolean(), updatedAt: z.string() });

export async function putPolicy(trx: Kysely<Tables>, ctx: ActionContext, service: string, spec: PolicySpec) {
  const before = await trx
    .selectFrom("incident_policies")
    .selectAll()
    .where("service", "=", service)
    .executeTakeFirst();
  const values = {
    auto_resolve: spec.autoResolve ? 1 : 0,
    spec_json: JSON.stringify(spec),
    updated_at: toIso(ctx.clock.now()),
  };
  if (before) await trx.updateTable("incident_policies").set(values).where("service", "=", service).execute();
  else
    await trx
      .insertInto("incident_policies")
      .values({ service, ...values })
      .execute();
  await recordAudit(trx, ctx, {
    action: before ? "incident_policy.update" : "incident_policy.create",
    entityType: "incident_policy",
    entityId: service,
    before: before ? JSON.parse(before.spec_json) : undefined,
    after: spec,
  });
}

export async function removePolicy(trx: Kysely<Tables>, ctx: ActionContext, service: string) {
  const before = await trx
    .selectFrom("incident_policies")
    .selectAll()
    .where("service", "=", service)
    .executeTakeFirst();
  if (!before) throw new NotFoundError(`no incident policy for service '${service}'`);
  await trx.deleteFrom("incident_policies").where("service", "=", service).execute();
  await recordAudit(trx, ctx, {
    action: "incident_policy.delete",
    entityType: "incident_policy",
    entityId: service,
    before: JSON.parse(before.spec_json),
  });
}

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
  async current(db) {
    const rows = await db.selectFrom("incident_policies").select(["service", "spec_json"]).execute();
    return new Map(rows.map((r) => [r.service, JSON.parse(r.spec_json) as PolicySpec]));
  },
  upsert: (db, ctx, name, spec) => putPolicy(db, ctx, name, spec),
  remove: removePolicy,
};
