/** One row per policy; the levels live in `spec_json` (the EscalationPolicy spec as applied). */
export interface EscalationPolicyTable {
  id: string;
  name: string;
  /** 'default' for the one default policy, NULL for the others: a unique index keeps it at one. */
  default_key: string | null;
  spec_json: string;
  created_at: string;
  updated_at: string;
}

/** Which policy escalates a service's incidents; the primary key keeps it at one policy per service. */
export interface EscalationServiceTable {
  service: string;
  policy_id: string;
}

/**
 * Where an incident's escalation stands. A `cycle` starts with each `incident.triggered`; inside it,
 * `level` and `repeat` (0 for the first round) name the step that runs next while `status` is `active`.
 */
export interface EscalationStateTable {
  incident_id: string;
  /** The policy's name, kept as it was when the cycle started (null when none applied). */
  policy: string | null;
  status: string;
  reason: string | null;
  cycle: number;
  level: number;
  repeat: number;
  next_due_at: string | null;
  /** The event that started the cycle, and when: an older trigger delivered late starts nothing. */
  trigger_event: string;
  triggered_at: string;
  updated_at: string;
}

/**
 * One escalation step, written when its job is enqueued (`pending`) and settled by it (`done`) or by the
 * incident's acknowledgement (`cancelled`). The auditor looks for pending steps long past `due_at`.
 */
export interface EscalationStepTable {
  /** `esc:<incident>:<cycle>:<level>:<repeat>`, also the job's idempotency key. */
  key: string;
  incident_id: string;
  cycle: number;
  level: number;
  repeat: number;
  status: string;
  due_at: string;
  done_at: string | null;
  users_json: string;
  messages: number;
  notes_json: string;
}

declare module "../../platform/db/tables.ts" {
  interface Tables {
    escalation_policies: EscalationPolicyTable;
    escalation_services: EscalationServiceTable;
    escalation_states: EscalationStateTable;
    escalation_steps: EscalationStepTable;
  }
}
