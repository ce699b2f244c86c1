import type { Kysely } from "kysely";
import { type Clock, toIso } from "../../platform/clock.ts";
import type { Tables } from "../../platform/db/tables.ts";
import type { JobHandler } from "../../platform/jobs/index.ts";
import { addTimelineEntry, incidentSubject } from "../incidents/index.ts";
import { planNotifications } from "../notify/index.ts";
import type { PolicySpec } from "./escalation.schema.ts";
import { escalates, type IncidentFacts, lockIncident } from "./incident-state.ts";
import { findPolicy, specOf } from "./policies.repository.ts";
import { nextStep, notificationKey, type StepRef, stepKey, timelineText } from "./policy.ts";
import {
  cancelPendingSteps,
  cancelStep,
  completeStep,
  findState,
  type StepPayload,
  saveState,
  scheduleStep,
  settleState,
} from "./state.repository.ts";
import { resolveTargets } from "./targets.ts";

function message(incident: IncidentFacts, policy: string, step: StepRef) {
  const round = step.repeat > 0 ? `, repeat ${step.repeat}` : "";
  return {
    title: `[${incident.severity}] #${incident.number} ${incident.title}`,
    body:
      `Incident #${incident.number} is triggered and nobody has acknowledged it. ` +
      `Escalation level ${step.level} of policy ${policy}${round}.` +
      (incident.service ? `\nService: ${incident.service}` : ""),
  };
}

/** Notifies a level's users; returns who was reached, how many messages, and who could not be. */
async function notifyLevel(
  trx: Kysely<Tables>,
  clock: Clock,
  incident: IncidentFacts,
  policy: { name: string; spec: PolicySpec },
  step: StepRef,
) {
  const level = policy.spec.levels[step.level];
  if (!level) return { users: [], messages: 0, notes: [`policy ${policy.name} has no level ${step.level}`] };
  const { users, notes } = await resolveTargets(trx, level.targets, clock.now());
  let messages = 0;
  const text = message(incident, policy.name, step);
  for (const user of users) {
    const ids = await planNotifications(trx, clock, {
      user,
      subject: incidentSubject(incident.id),
      ...text,
      link: `/incidents/${incident.id}`,
      dedupKey: notificationKey(incident.id, step, user),
    });
    if (ids.length === 0) notes.push(`${user} has no notification rules`);
    messages += ids.length;
  }
  return { users, messages, notes };
}

/**
 * `escalation.step`: runs in the transaction that completes its job, so its notifications, its timeline
 * entry and the next step commit exactly once together (ADR 5). It escalates only if the incident is
 * still triggered and the step is still the one its escalation waits for; otherwise it settles quietly.
 */
export function stepHandler(clock: Clock): JobHandler {
  return async (trx, payload) => {
    const p = payload as StepPayload;
    const step: StepRef = { cycle: p.cycle, level: p.level, repeat: p.repeat };
    const key = stepKey(p.incidentId, step);
    const now = clock.now();
    // The incident row first (locked on PostgreSQL), then the state: see lockIncident.
    const incident = await lockIncident(trx, clock, p.incidentId);
    const state = await findState(trx, p.incidentId);
    const current =
      state?.status === "active" &&
      Number(state.cycle) === step.cycle &&
      Number(state.level) === step.level &&
      Number(state.repeat) === step.repeat;
    if (!state || !current) {
      // Superseded (a new cycle) or already settled: this step will never run.
      return cancelStep(trx, key, now);
    }
    const stop = async (reason: string) => {
      await settleState(trx, p.incidentId, "stopped", reason, now);
      await cancelPendingSteps(trx, p.incidentId, now);
    };
    if (!incident) return stop("the incident no longer exists");
    if (!escalates(incident))
      return stop(incident.mergedInto ? "the incident was merged" : `the incident is ${incident.status}`);
    const row = state.policy ? await findPolicy(trx, state.policy) : undefined;
    if (!row) return stop(`escalation policy ${state.policy ?? "?"} was deleted`);
    const policy = { name: row.name, spec: specOf(row) };
    const outcome = await notifyLevel(trx, clock, incident, policy, step);
    const next = nextStep(policy.spec, step, now);
    await completeStep(trx, key, { at: now, ...outcome });
    await addTimelineEntry(trx, clock, incident.id, {
      kind: "escalation",
      actor: "opsdeck",
      text: timelineText(step, outcome.users, outcome.notes, next === null),
      data: { policy: policy.name, ...step, ...outcome },
    });
    if (!next) {
      const rounds = policy.spec.repeat + 1;
      return void (await settleState(
        trx,
        incident.id,
        "exhausted",
        `every level ran ${rounds === 1 ? "once" : `${rounds} times`} without an acknowledgement`,
        now,
      ));
    }
    await scheduleStep(trx, clock, incident.id, next.step, next.dueAt);
    await saveState(trx, {
      ...state,
      level: next.step.level,
      repeat: next.step.repeat,
      next_due_at: toIso(next.dueAt),
      updated_at: toIso(now),
    });
  };
}
