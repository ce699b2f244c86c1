import type { Kysely, Selectable } from "kysely";
import { toIso } from "../../platform/clock.ts";
import type { Tables } from "../../platform/db/tables.ts";
import { newId } from "../../platform/ids.ts";
import type { PolicySpec, PolicyView } from "./escalation.schema.ts";
import type { EscalationPolicyTable } from "./escalation.tables.ts";
import { schedulesOf } from "./policy.ts";
import "./escalation.tables.ts";

export type PolicyRow = Selectable<EscalationPolicyTable>;

export function findPolicy(db: Kysely<Tables>, name: string): Promise<PolicyRow | undefined> {
  return db.selectFrom("escalation_policies").selectAll().where("name", "=", name).executeTakeFirst();
}

export const specOf = (row: PolicyRow): PolicySpec => JSON.parse(row.spec_json) as PolicySpec;

/**
 * The policy that escalates an incident of `service`: the one naming the service, else the default one,
 * else none. A null service (an incident declared without one) gets the default policy.
 */
export async function policyForService(
  db: Kysely<Tables>,
  service: string | null,
): Promise<PolicyRow | undefined> {
  if (service) {
    const named = await db
      .selectFrom("escalation_services as s")
      .innerJoin("escalation_policies as p", "p.id", "s.policy_id")
      .selectAll("p")
      .where("s.service", "=", service)
      .executeTakeFirst();
    if (named) return named;
  }
  return db
    .selectFrom("escalation_policies")
    .selectAll()
    .where("default_key", "=", "default")
    .executeTakeFirst();
}

/** Which policy already claims each of `services` (other than `except`), by service. */
export async function claimedServices(
  db: Kysely<Tables>,
  services: string[],
  except: string,
): Promise<Map<string, string>> {
  if (services.length === 0) return new Map();
  const rows = await db
    .selectFrom("escalation_services as s")
    .innerJoin("escalation_policies as p", "p.id", "s.policy_id")
    .select(["s.service", "p.name"])
    .where("s.service", "in", services)
    .where("p.name", "!=", except)
    .execute();
  return new Map(rows.map((r) => [r.service, r.name]));
}

export async function defaultPolicyName(db: Kysely<Tables>): Promise<string | undefined> {
  const row = await db
    .selectFrom("escalation_policies")
    .select("name")
    .where("default_key", "=", "default")
    .executeTakeFirst();
  return row?.name;
}

/**
 * Inserts or replaces a policy and its service claims; returns the row as it was before, if any. Claims of
 * other policies on its services, and the default mark, move to it: callers check beforehand that this is
 * meant (the API refuses it, an apply validates the end state of all its documents).
 */
export async function writePolicy(
  trx: Kysely<Tables>,
  name: string,
  spec: PolicySpec,
  now: Date,
): Promise<PolicyRow | undefined> {
  const existing = await findPolicy(trx, name);
  const services = [...new Set(spec.services)];
  if (services.length > 0)
    await trx.deleteFrom("escalation_services").where("service", "in", services).execute();
  if (spec.default)
    await trx
      .updateTable("escalation_policies")
      .set({ default_key: null })
      .where("default_key", "=", "default")
      .where("name", "!=", name)
      .execute();
  const values = {
    default_key: spec.default ? "default" : null,
    spec_json: JSON.stringify(spec),
    updated_at: toIso(now),
  };
  const id = existing?.id ?? newId(now);
  if (existing) await trx.updateTable("escalation_policies").set(values).where("id", "=", id).execute();
  else
    await trx
      .insertInto("escalation_policies")
      .values({ id, name, created_at: toIso(now), ...values })
      .execute();
  await trx.deleteFrom("escalation_services").where("policy_id", "=", id).execute();
  if (services.length > 0)
    await trx
      .insertInto("escalation_services")
      .values(services.map((service) => ({ service, policy_id: id })))
      .execute();
  return existing;
}

export async function deletePolicy(trx: Kysely<Tables>, id: string): Promise<void> {
  await trx.deleteFrom("escalation_services").where("policy_id", "=", id).execute();
  await trx.deleteFrom("escalation_policies").where("id", "=", id).execute();
}

export function presentPolicy(row: PolicyRow): PolicyView {
  const spec = specOf(row);
  return {
    name: row.name,
    description: spec.description,
    services: spec.services,
    default: spec.default,
    levels: spec.levels,
    repeat: spec.repeat,
    repeatAfterMinutes: spec.repeatAfterMinutes ?? null,
    schedules: schedulesOf(spec),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function allPolicyRows(db: Kysely<Tables>): Promise<PolicyRow[]> {
  return db.selectFrom("escalation_policies").selectAll().orderBy("name").execute();
}
