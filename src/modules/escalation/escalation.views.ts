import type { Database } from "../../platform/db/database.ts";
import { getIncident } from "../incidents/index.ts";
import type { EscalationStatus, EscalationView, StepStatus } from "./escalation.schema.ts";
import { findState, stepsOf } from "./state.repository.ts";

/** `GET /api/v1/incidents/{id}/escalation`: where the escalation stands and every step so far. */
export async function incidentEscalation(db: Database, ref: string): Promise<EscalationView> {
  // The incidents module resolves `42` and ids alike, and answers 404 for neither.
  const incident = await getIncident(db, ref);
  const state = await findState(db.read, incident.id);
  const steps = await stepsOf(db.read, incident.id);
  if (!state)
    return {
      incidentId: incident.id,
      status: "none",
      policy: null,
      reason: "no escalation has started for this incident",
      cycle: 0,
      level: 0,
      repeat: 0,
      nextStepAt: null,
      steps: [],
    };
  return {
    incidentId: incident.id,
    status: state.status as EscalationStatus,
    policy: state.policy,
    reason: state.reason,
    cycle: Number(state.cycle),
    level: Number(state.level),
    repeat: Number(state.repeat),
    nextStepAt: state.next_due_at,
    steps: steps.map((s) => ({
      cycle: Number(s.cycle),
      level: Number(s.level),
      repeat: Number(s.repeat),
      status: s.status as StepStatus,
      dueAt: s.due_at,
      doneAt: s.done_at,
      users: JSON.parse(s.users_json) as string[],
      messages: Number(s.messages),
      notes: JSON.parse(s.notes_json) as string[],
    })),
  };
}
