import type { Kysely } from "kysely";
import { recordAudit } from "../../platform/audit/index.ts";
import type { ActionContext } from "../../platform/context.ts";
import type { Database } from "../../platform/db/database.ts";
import type { Tables } from "../../platform/db/tables.ts";
import { ConflictError, type FieldIssue, InputError, NotFoundError } from "../../platform/errors.ts";
import { parseInput } from "../../platform/validation.ts";
import { createPolicyBody, type PolicySpec, type PolicyView, policySpec } from "./escalation.schema.ts";
import {
  allPolicyRows,
  claimedServices,
  defaultPolicyName,
  deletePolicy,
  findPolicy,
  policyForService,
  presentPolicy,
  specOf,
  writePolicy,
} from "./policies.repository.ts";
import { unknownTargets } from "./targets.ts";

/**
 * Creates or replaces a policy inside the caller's transaction and audits it. Shared by the API (which
 * checks first) and `opsdeck apply` (whose kind validates every document of the apply together).
 */
export async function putPolicy(
  trx: Kysely<Tables>,
  ctx: ActionContext,
  name: string,
  spec: PolicySpec,
): Promise<void> {
  const before = await writePolicy(trx, name, spec, ctx.clock.now());
  await recordAudit(trx, ctx, {
    action: before ? "escalation_policy.update" : "escalation_policy.create",
    entityType: "escalation_policy",
    entityId: name,
    before: before ? specOf(before) : undefined,
    after: spec,
  });
}

export async function removePolicy(trx: Kysely<Tables>, ctx: ActionContext, name: string): Promise<void> {
  const existing = await findPolicy(trx, name);
  if (!existing) throw new NotFoundError(`no escalation policy named '${name}'`);
  await deletePolicy(trx, existing.id);
  await recordAudit(trx, ctx, {
    action: "escalation_policy.delete",
    entityType: "escalation_policy",
    entityId: name,
    before: specOf(existing),
  });
}

/**
 * What the API refuses besides the schema: targets that name nothing, services another policy escalates,
 * a second default policy. Paths are relative to the request body (`levels.1.targets.0`).
 */
async function conflicts(trx: Kysely<Tables>, name: string, spec: PolicySpec): Promise<FieldIssue[]> {
  const issues = await unknownTargets(trx, spec);
  const claimed = await claimedServices(trx, spec.services, name);
  spec.services.forEach((service, i) => {
    const other = claimed.get(service);
    if (other)
      issues.push({ path: `services.${i}`, message: `service ${service} is escalated by policy ${other}` });
  });
  if (spec.default) {
    const current = await defaultPolicyName(trx);
    if (current && current !== name)
      issues.push({ path: "default", message: `policy ${current} is the default policy` });
  }
  return issues;
}

function refuse(issues: FieldIssue[]): void {
  if (issues.length > 0)
    throw new InputError(issues.map((i) => `${i.path}: ${i.message}`).join("; "), issues);
}

/** `POST /api/v1/escalation-policies`: `name` plus the EscalationPolicy spec. */
export async function createPolicy(db: Database, ctx: ActionContext, body: unknown): Promise<PolicyView> {
  const { name } = parseInput(createPolicyBody, body);
  const { name: _name, ...rest } = body as Record<string, unknown>;
  const spec = parseInput(policySpec, rest);
  await db.write(async (trx) => {
    if (await findPolicy(trx, name)) throw new ConflictError(`an escalation policy named '${name}' exists`);
    refuse(await conflicts(trx, name, spec));
    await putPolicy(trx, ctx, name, spec);
  });
  return getPolicy(db, name);
}

/** `PUT /api/v1/escalation-policies/{name}`: replaces the whole spec. */
export async function replacePolicy(
  db: Database,
  ctx: ActionContext,
  name: string,
  body: unknown,
): Promise<PolicyView> {
  const spec = parseInput(policySpec, body);
  await db.write(async (trx) => {
    if (!(await findPolicy(trx, name))) throw new NotFoundError(`no escalation policy named '${name}'`);
    refuse(await conflicts(trx, name, spec));
    await putPolicy(trx, ctx, name, spec);
  });
  return getPolicy(db, name);
}

export async function deletePolicyByName(db: Database, ctx: ActionContext, name: string): Promise<void> {
  await db.write((trx) => removePolicy(trx, ctx, name));
}

export async function getPolicy(db: Database, name: string): Promise<PolicyView> {
  const row = await findPolicy(db.read, name);
  if (!row) throw new NotFoundError(`no escalation policy named '${name}'`);
  return presentPolicy(row);
}

export async function listPolicies(db: Database): Promise<PolicyView[]> {
  return (await allPolicyRows(db.read)).map(presentPolicy);
}

/** The schedules of the policy that escalates `service`'s incidents, or null when none does. */
export async function schedulesOfService(db: Database, service: string): Promise<string[] | null> {
  const row = await policyForService(db.read, service);
  return row ? presentPolicy(row).schedules : null;
}
