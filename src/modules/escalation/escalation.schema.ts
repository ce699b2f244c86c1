import { z } from "zod";
import { entityName } from "../../platform/schema-common.ts";

/**
 * API contract and manifest kind of escalation policies (docs/escalation.md). Imported by the routes, the
 * kind, the CLI and the web UI.
 */

/** One day: a longer wait is not an escalation any more. */
const MAX_MINUTES = 24 * 60;

/**
 * Minutes, fractions allowed down to a hundredth (0.6 s): `0.25` is 15 s. Whole minutes are what people
 * write; fractions let a whole-system test walk through levels in seconds of real time.
 */
const minutes = z
  .number()
  .min(0)
  .max(MAX_MINUTES)
  .refine((m) => Math.abs(m * 100 - Math.round(m * 100)) < 1e-9, "at most two decimals");

/** `schedule:NAME`, `user:NAME` or `team:NAME`. */
export const targetRef = z
  .string()
  .max(80)
  .regex(
    /^(schedule|user|team):[a-zA-Z0-9]+([-_.][a-zA-Z0-9]+)*$/,
    "must be schedule:NAME, user:NAME or team:NAME",
  );

export const levelSpec = z
  .object({
    /** Minutes after the level before fired (level 0: after the start of the round; 0 = at once). */
    afterMinutes: minutes.default(0),
    targets: z.array(targetRef).min(1, "name at least one target").max(20),
  })
  .strict();

/** The `spec` of a `kind: EscalationPolicy` document, and the editable part of a policy in the API. */
export const policySpec = z
  .object({
    description: z.string().max(2000).default(""),
    /** The services whose incidents this policy escalates; a service has at most one policy. */
    services: z.array(entityName).max(500).default([]),
    /** Escalates incidents whose service names no policy (and incidents without a service). At most one. */
    default: z.boolean().default(false),
    levels: z.array(levelSpec).min(1, "name at least one level").max(10),
    /** Rounds after the first: after the last level, start again at level 0 this many more times. */
    repeat: z.number().int().min(0).max(10).default(0),
    /** Minutes from the last level of a round to the start of the next round; required with `repeat`. */
    repeatAfterMinutes: minutes.refine((m) => m > 0, "must be more than 0").optional(),
  })
  .strict()
  .superRefine((spec, ctx) => {
    if (spec.repeat > 0 && spec.repeatAfterMinutes === undefined)
      ctx.addIssue({
        code: "custom",
        path: ["repeatAfterMinutes"],
        message: "is required when repeat is more than 0",
      });
  });
export type PolicySpec = z.output<typeof policySpec>;
export type LevelSpec = z.output<typeof levelSpec>;

export const createPolicyBody = z.object({ name: entityName }).loose();

export const policyView = z.object({
  name: z.string(),
  description: z.string(),
  services: z.array(z.string()),
  default: z.boolean(),
  levels: z.array(z.object({ afterMinutes: z.number(), targets: z.array(z.string()) })),
  repeat: z.number(),
  repeatAfterMinutes: z.number().nullable(),
  /** The schedules the levels name, in order: what the readiness check looks at. */
  schedules: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type PolicyView = z.output<typeof policyView>;

export const escalationStatuses = ["active", "stopped", "exhausted", "none"] as const;
export type EscalationStatus = (typeof escalationStatuses)[number];
export const stepStatuses = ["pending", "done", "cancelled"] as const;
export type StepStatus = (typeof stepStatuses)[number];

export const stepView = z.object({
  cycle: z.number(),
  level: z.number(),
  repeat: z.number(),
  status: z.enum(stepStatuses),
  dueAt: z.string(),
  doneAt: z.string().nullable(),
  /** The users the step notified, resolved at the instant it ran. */
  users: z.array(z.string()),
  messages: z.number(),
  /** Why a target reached nobody (empty schedule, user without rules, ...). */
  notes: z.array(z.string()),
});

export const escalationView = z.object({
  incidentId: z.string(),
  /** `none`: no policy applies; `stopped`: acknowledged or resolved; `exhausted`: every level and round ran. */
  status: z.enum(escalationStatuses),
  policy: z.string().nullable(),
  reason: z.string().nullable(),
  cycle: z.number(),
  level: z.number(),
  repeat: z.number(),
  nextStepAt: z.string().nullable(),
  steps: z.array(stepView),
});
export type EscalationView = z.output<typeof escalationView>;
export type StepView = z.output<typeof stepView>;
