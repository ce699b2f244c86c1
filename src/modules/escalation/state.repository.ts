import type { Kysely, Selectable } from "kysely";
import { type Clock, toIso } from "../../platform/clock.ts";
import type { Tables } from "../../platform/db/tables.ts";
import { enqueueJob } from "../../platform/jobs/index.ts";
import type { EscalationStatus } from "./escalation.schema.ts";
import type { EscalationStateTable, EscalationStepTable } from "./escalation.tables.ts";
import { type StepRef, stepKey } from "./policy.ts";
import "./escalation.tables.ts";

export type StateRow = Selectable<EscalationStateTable>;
export type StepRow = Selectable<EscalationStepTable>;

export const stepJobType = "escalation.step";

/** The payload of a step job. */
export interface StepPayload extends StepRef {
  incidentId: string;
}

export function findState(db: Kysely<Tables>, incidentId: string): Promise<StateRow | undefined> {
  return db
    .selectFrom("escalation_states")
    .selectAll()
    .where("incident_id", "=", incidentId)
    .executeTakeFirst();
}

/** Writes an incident's escalation state whole (insert or replace). */
export async function saveState(trx: Kysely<Tables>, row: StateRow): Promise<void> {
  const { incident_id: _id, ...rest } = row;
  await trx
    .insertInto("escalation_states")
    .values(row)
    .onConflict((oc) => oc.column("incident_id").doUpdateSet(rest))
    .execute();
}

/** Moves an active escalation to a final status; false when it was not active (already settled). */
export async function settleState(
  trx: Kysely<Tables>,
  incidentId: string,
  status: Exclude<EscalationStatus, "active">,
  reason: string,
  at: Date,
): Promise<boolean> {
  const result = await trx
    .updateTable("escalation_states")
    .set({ status, reason, next_due_at: null, updated_at: toIso(at) })
    .where("incident_id", "=", incidentId)
    .where("status", "=", "active")
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * Records a step and enqueues its job, both keyed `esc:<incident>:<cycle>:<level>:<repeat>`: whatever runs
 * this twice (a retried subscriber, two instances) leaves one step and one job.
 */
export async function scheduleStep(
  trx: Kysely<Tables>,
  clock: Clock,
  incidentId: string,
  step: StepRef,
  dueAt: Date,
): Promise<void> {
  const key = stepKey(incidentId, step);
  await trx
    .insertInto("escalation_steps")
    .values({
      key,
      incident_id: incidentId,
      cycle: step.cycle,
      level: step.level,
      repeat: step.repeat,
      status: "pending",
      due_at: toIso(dueAt),
      done_at: null,
      users_json: "[]",
      messages: 0,
      notes_json: "[]",
    })
    .onConflict((oc) => oc.column("key").doNothing())
    .execute();
  const payload: StepPayload = { incidentId, ...step };
  await enqueueJob(trx, clock, { type: stepJobType, payload, dueAt, key });
}

export async function completeStep(
  trx: Kysely<Tables>,
  key: string,
  outcome: { at: Date; users: string[]; messages: number; notes: string[] },
): Promise<void> {
  await trx
    .updateTable("escalation_steps")
    .set({
      status: "done",
      done_at: toIso(outcome.at),
      users_json: JSON.stringify(outcome.users),
      messages: outcome.messages,
      notes_json: JSON.stringify(outcome.notes),
    })
    .where("key", "=", key)
    .execute();
}

/** Cancels one step that has not run (its cycle was superseded or has ended). */
export async function cancelStep(trx: Kysely<Tables>, key: string, at: Date): Promise<void> {
  await trx
    .updateTable("escalation_steps")
    .set({ status: "cancelled", done_at: toIso(at) })
    .where("key", "=", key)
    .where("status", "=", "pending")
    .execute();
}

/** Cancels an incident's steps that have not run (acknowledged, resolved, or a new cycle began). */
export async function cancelPendingSteps(trx: Kysely<Tables>, incidentId: string, at: Date): Promise<void> {
  await trx
    .updateTable("escalation_steps")
    .set({ status: "cancelled", done_at: toIso(at) })
    .where("incident_id", "=", incidentId)
    .where("status", "=", "pending")
    .execute();
}

export function stepsOf(db: Kysely<Tables>, incidentId: string): Promise<StepRow[]> {
  return db
    .selectFrom("escalation_steps")
    .selectAll()
    .where("incident_id", "=", incidentId)
    .orderBy("due_at")
    .orderBy("cycle")
    .orderBy("repeat")
    .orderBy("level")
    .execute();
}

/** Pending steps due before `before` (ISO): the auditor's overdue steps, oldest first. */
export function overdueSteps(db: Kysely<Tables>, before: string, limit = 100): Promise<StepRow[]> {
  return db
    .selectFrom("escalation_steps")
    .selectAll()
    .where("status", "=", "pending")
    .where("due_at", "<", before)
    .orderBy("due_at")
    .limit(limit)
    .execute();
}

export async function countOverdue(db: Kysely<Tables>, before: string): Promise<number> {
  const row = await db
    .selectFrom("escalation_steps")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("status", "=", "pending")
    .where("due_at", "<", before)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function countActive(db: Kysely<Tables>): Promise<number> {
  const row = await db
    .selectFrom("escalation_states")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("status", "=", "active")
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
