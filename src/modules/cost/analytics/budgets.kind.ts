import type { Kysely } from "kysely";
import type { z } from "zod";
import { recordAudit } from "../../../platform/audit/index.ts";
import { toIso } from "../../../platform/clock.ts";
import type { ActionContext } from "../../../platform/context.ts";
import type { Tables } from "../../../platform/db/tables.ts";
import { NotFoundError } from "../../../platform/errors.ts";
import type { KindHandler } from "../../../platform/manifests/kinds.ts";
import { integrationIssues } from "../../alerts/index.ts";
import { scheduleCostAnalytics } from "./analytics.jobs.ts";
import {
  type AnomalyPolicySpec,
  anomalyPolicySpec,
  type BudgetSpec,
  budgetSpec,
} from "./analytics.schema.ts";

export async function putBudget(trx: Kysely<Tables>, ctx: ActionContext, name: string, spec: BudgetSpec) {
  const now = toIso(ctx.clock.now());
  const existing = await trx
    .selectFrom("cost_budgets")
    .selectAll()
    .where("name", "=", name)
    .executeTakeFirst();
  if (existing)
    await trx
      .updateTable("cost_budgets")
      .set({ spec_json: JSON.stringify(spec), updated_at: now })
      .where("name", "=", name)
      .execute();
  else
    await trx
      .insertInto("cost_budgets")
      .values({ name, spec_json: JSON.stringify(spec), created_at: now, updated_at: now })
      .execute();
  // A new or changed budget is judged now rather than at the next periodic run.
  await scheduleCostAnalytics(trx, ctx.clock, { reason: `budget:${name}` });
  await recordAudit(trx, ctx, {
    action: existing ? "cost.budget.update" : "cost.budget.create",
    entityType: "cost-budget",
    entityId: name,
    before: existing ? JSON.parse(existing.spec_json) : undefined,
    after: spec,
  });
}

export async function removeBudget(trx: Kysely<Tables>, ctx: ActionContext, name: string) {
  const existing = await trx
    .selectFrom("cost_budgets")
    .selectAll()
    .where("name", "=", name)
    .executeTakeFirst();
  if (!existing) throw new NotFoundError(`no budget named '${name}'`);
  await trx.deleteFrom("cost_budgets").where("name", "=", name).execute();
  await recordAudit(trx, ctx, {
    action: "cost.budget.delete",
    entityType: "cost-budget",
    entityId: name,
    before: JSON.parse(existing.spec_json),
  });
}

export async function allBudgets(db: Kysely<Tables>): Promise<Map<string, BudgetSpec>> {
  const rows = await db.selectFrom("cost_budgets").select(["name", "spec_json"]).orderBy("name").execute();
  return new Map(rows.map((r) => [r.name, JSON.parse(r.spec_json) as BudgetSpec]));
}

/** `kind: Budget`: a spending limit for a team, a catalog service or the whole bill, per month or quarter. */
export const budgetKind: KindHandler<BudgetSpec> = {
  apiVersion: "opsdeck.dev/v1",
  kind: "Budget",
  order: 72,
  spec: budgetSpec as unknown as z.ZodType<BudgetSpec>,
  current: allBudgets,
  upsert: (db, ctx, name, spec) => putBudget(db, ctx, name, spec),
  remove: removeBudget,
  validate: (db, _name, spec, incoming) => integrationIssues(db, spec.integration, incoming),
};

async function putPolicy(trx: Kysely<Tables>, ctx: ActionContext, name: string, spec: AnomalyPolicySpec) {
  const existing = await trx
    .selectFrom("cost_anomaly_policies")
    .selectAll()
    .where("name", "=", name)
    .executeTakeFirst();
  const values = { spec_json: JSON.stringify(spec), updated_at: toIso(ctx.clock.now()) };
  if (existing) await trx.updateTable("cost_anomaly_policies").set(values).where("name", "=", name).execute();
  else
    await trx
      .insertInto("cost_anomaly_policies")
      .values({ name, ...values })
      .execute();
  await recordAudit(trx, ctx, {
    action: existing ? "cost.anomaly-policy.update" : "cost.anomaly-policy.create",
    entityType: "cost-anomaly-policy",
    entityId: name,
    before: existing ? JSON.parse(existing.spec_json) : undefined,
    after: spec,
  });
}

async function removePolicy(trx: Kysely<Tables>, ctx: ActionContext, name: string) {
  const existing = await trx
    .selectFrom("cost_anomaly_policies")
    .selectAll()
    .where("name", "=", name)
    .executeTakeFirst();
  if (!existing) throw new NotFoundError(`no cost anomaly policy named '${name}'`);
  await trx.deleteFrom("cost_anomaly_policies").where("name", "=", name).execute();
  await recordAudit(trx, ctx, {
    action: "cost.anomaly-policy.delete",
    entityType: "cost-anomaly-policy",
    entityId: name,
    before: JSON.parse(existing.spec_json),
  });
}

/** The policy in force: the document named `default`, else the built-in thresholds without alerts. */
export async function anomalyPolicy(db: Kysely<Tables>): Promise<AnomalyPolicySpec> {
  const row = await db
    .selectFrom("cost_anomaly_policies")
    .select("spec_json")
    .where("name", "=", "default")
    .executeTakeFirst();
  return row ? (JSON.parse(row.spec_json) as AnomalyPolicySpec) : anomalyPolicySpec.parse({});
}

/** `kind: CostAnomalyPolicy`: the thresholds of anomaly detection and the integration it alerts through. */
export const anomalyPolicyKind: KindHandler<AnomalyPolicySpec> = {
  apiVersion: "opsdeck.dev/v1",
  kind: "CostAnomalyPolicy",
  order: 72,
  spec: anomalyPolicySpec as unknown as z.ZodType<AnomalyPolicySpec>,
  async current(db) {
    const rows = await db.selectFrom("cost_anomaly_policies").select(["name", "spec_json"]).execute();
    return new Map(rows.map((r) => [r.name, JSON.parse(r.spec_json) as AnomalyPolicySpec]));
  },
  upsert: (db, ctx, name, spec) => putPolicy(db, ctx, name, spec),
  remove: removePolicy,
  validate: (db, _name, spec, incoming) => integrationIssues(db, spec.integration, incoming),
};
