import type { Kysely } from "kysely";
import type { z } from "zod";
import { toIso } from "../../../platform/clock.ts";
import type { Tables } from "../../../platform/db/tables.ts";
import type { KindHandler } from "../../../platform/manifests/kinds.ts";
import { specStore } from "../../../platform/manifests/spec-store.ts";
import { integrationIssues } from "../../alerts/index.ts";
import { scheduleCostAnalytics } from "./analytics.jobs.ts";
import {
  type AnomalyPolicySpec,
  anomalyPolicySpec,
  type BudgetSpec,
  budgetSpec,
} from "./analytics.schema.ts";

/** Budgets as stored; a new or changed one is judged now rather than at the next periodic run. */
const budgets = specStore<BudgetSpec, "cost_budgets">({
  table: "cost_budgets",
  key: "name",
  actionPrefix: "cost.budget",
  entityType: "cost-budget",
  notFound: (name) => `no budget named '${name}'`,
  insertColumns: (now) => ({ created_at: toIso(now) }),
  afterPut: (trx, ctx, name) => scheduleCostAnalytics(trx, ctx.clock, { reason: `budget:${name}` }),
});

export const allBudgets = budgets.all;

/** `kind: Budget`: a spending limit for a team, a catalog service or the whole bill, per month or quarter. */
export const budgetKind: KindHandler<BudgetSpec> = {
  apiVersion: "opsdeck.dev/v1",
  kind: "Budget",
  order: 72,
  spec: budgetSpec as unknown as z.ZodType<BudgetSpec>,
  current: budgets.all,
  upsert: budgets.put,
  remove: budgets.remove,
  validate: (db, _name, spec, incoming) => integrationIssues(db, spec.integration, incoming),
};

const anomalyPolicies = specStore<AnomalyPolicySpec, "cost_anomaly_policies">({
  table: "cost_anomaly_policies",
  key: "name",
  actionPrefix: "cost.anomaly-policy",
  entityType: "cost-anomaly-policy",
  notFound: (name) => `no cost anomaly policy named '${name}'`,
});

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
  current: anomalyPolicies.all,
  upsert: anomalyPolicies.put,
  remove: anomalyPolicies.remove,
  validate: (db, _name, spec, incoming) => integrationIssues(db, spec.integration, incoming),
};
