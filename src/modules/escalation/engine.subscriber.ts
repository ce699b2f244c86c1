import type { Kysely } from "kysely";
import { type Clock, toIso } from "../../platform/clock.ts";
import type { Tables } from "../../platform/db/tables.ts";
import type { EventSubscriber, StoredEvent } from "../../platform/events/index.ts";
import { ensureAudit } from "./auditor.ts";
import { escalates, lockIncident } from "./incident-state.ts";
import { policyForService, specOf } from "./policies.repository.ts";
import { firstStepDue } from "./policy.ts";
import {
  cancelPendingSteps,
  findState,
  type StateRow,
  saveState,
  scheduleStep,
  settleState,
} from "./state.repository.ts";

/**
 * Starts a cycle on `incident.triggered`: the policy of the incident's service (or the default policy) is
 * chosen, and level 0's step is scheduled for the trigger's instant plus level 0's delay. A second trigger
 * of one incident (a re-opened incident) starts a new cycle; a trigger delivered after a newer one is
 * ignored. The step, not this handler, checks at its due time that the incident still escalates.
 */
async function startCycle(trx: Kysely<Tables>, clock: Clock, event: StoredEvent): Promise<void> {
  const id = String(event.payload.id ?? "");
  // Locked before the state is read: a concurrent step or acknowledgement of this incident waits for us.
  const incident = await lockIncident(trx, clock, id);
  if (!incident) return;
  const state = await findState(trx, id);
  if (state && (state.trigger_event === event.id || event.at < state.triggered_at)) return;
  const now = clock.now();
  if (state) await cancelPendingSteps(trx, id, now);
  const policy = await policyForService(trx, incident.service);
  const row: StateRow = {
    incident_id: id,
    policy: policy?.name ?? null,
    status: "active",
    reason: null,
    cycle: (state ? Number(state.cycle) : 0) + 1,
    level: 0,
    repeat: 0,
    next_due_at: null,
    trigger_event: event.id,
    triggered_at: event.at,
    updated_at: toIso(now),
  };
  if (!policy) {
    const reason = incident.service
      ? `no escalation policy names service ${incident.service} and there is no default policy`
      : "the incident names no service and there is no default policy";
    return saveState(trx, { ...row, status: "none", reason });
  }
  if (!escalates(incident))
    return saveState(trx, {
      ...row,
      status: "stopped",
      reason: `the incident was ${incident.status} already`,
    });
  const due = firstStepDue(specOf(policy), new Date(event.at));
  await saveState(trx, { ...row, next_due_at: toIso(due) });
  await scheduleStep(trx, clock, id, { cycle: row.cycle, level: 0, repeat: 0 }, due);
  await ensureAudit(trx, clock);
}

/**
 * Stops an active escalation on `incident.acknowledged` / `incident.resolved`. The incident's status, not
 * the event, decides: an acknowledgement delivered after the incident was triggered again stops nothing.
 */
async function stopCycle(trx: Kysely<Tables>, clock: Clock, event: StoredEvent): Promise<void> {
  const id = String(event.payload.id ?? "");
  const incident = await lockIncident(trx, clock, id);
  if (incident && escalates(incident)) return;
  const state = await findState(trx, id);
  if (state?.status !== "active") return;
  const now = clock.now();
  const verb = event.type === "incident.acknowledged" ? "acknowledged" : "resolved";
  const by = typeof event.payload.by === "string" ? ` by ${event.payload.by}` : "";
  await settleState(trx, id, "stopped", `${verb}${by}`, now);
  await cancelPendingSteps(trx, id, now);
}

export function escalationSubscriber(clock: Clock): EventSubscriber {
  return {
    name: "escalation",
    types: ["incident.triggered", "incident.acknowledged", "incident.resolved"],
    handle: (trx, event) =>
      event.type === "incident.triggered" ? startCycle(trx, clock, event) : stopCycle(trx, clock, event),
  };
}
