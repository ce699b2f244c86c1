import type { PolicySpec } from "./escalation.schema.ts";

/** Escalation domain: targets and the walk through levels and rounds. Pure: times are passed in. */

export type TargetKind = "schedule" | "user" | "team";
export interface Target {
  kind: TargetKind;
  name: string;
}

/** `schedule:db-primary` -> { kind, name }; the schema has already checked the form. */
export function parseTarget(ref: string): Target {
  const colon = ref.indexOf(":");
  return { kind: ref.slice(0, colon) as TargetKind, name: ref.slice(colon + 1) };
}

/** Every target of a policy with its field path (`levels.1.targets.0`), for existence checks. */
export function targetMentions(spec: PolicySpec): { path: string; target: Target }[] {
  return spec.levels.flatMap((level, l) =>
    level.targets.map((ref, t) => ({ path: `levels.${l}.targets.${t}`, target: parseTarget(ref) })),
  );
}

/** The schedules a policy names, first mention first. */
export function schedulesOf(spec: PolicySpec): string[] {
  const names = targetMentions(spec)
    .filter((m) => m.target.kind === "schedule")
    .map((m) => m.target.name);
  return [...new Set(names)];
}

/** A step of an escalation: `repeat` 0 is the first round. */
export interface StepRef {
  cycle: number;
  level: number;
  repeat: number;
}

/** The job and step key: one step of one cycle of one incident is enqueued (and so notified) once. */
export function stepKey(incidentId: string, s: StepRef): string {
  return `esc:${incidentId}:${s.cycle}:${s.level}:${s.repeat}`;
}

/** The dedup key of one user's notification for a step: planning it twice plans it once. */
export function notificationKey(incidentId: string, s: StepRef, user: string): string {
  return `${stepKey(incidentId, s)}:${user}`;
}

export const minutesToMs = (m: number) => Math.round(m * 60_000);

/** When the first step of a cycle is due: level 0's delay after the trigger (usually at once). */
export function firstStepDue(spec: PolicySpec, triggeredAt: Date): Date {
  return new Date(triggeredAt.getTime() + minutesToMs(spec.levels[0]?.afterMinutes ?? 0));
}

/**
 * The step after `current`, and when it is due, counted from when `current` fired: the next level after
 * its delay; after the last level, level 0 of the next round after `repeatAfterMinutes` plus level 0's own
 * delay; null when every round has run. A level that no longer exists (the policy lost levels) counts as
 * past the last one.
 */
export function nextStep(
  spec: PolicySpec,
  current: StepRef,
  firedAt: Date,
): { step: StepRef; dueAt: Date } | null {
  const at = firedAt.getTime();
  const next = spec.levels[current.level + 1];
  if (next && current.level + 1 < spec.levels.length)
    return {
      step: { ...current, level: current.level + 1 },
      dueAt: new Date(at + minutesToMs(next.afterMinutes)),
    };
  if (current.repeat >= spec.repeat) return null;
  const wait = (spec.repeatAfterMinutes ?? 0) + (spec.levels[0]?.afterMinutes ?? 0);
  return {
    step: { cycle: current.cycle, level: 0, repeat: current.repeat + 1 },
    dueAt: new Date(at + minutesToMs(wait)),
  };
}

/** "escalated to level 1: alice, bob" and what reached nobody, for the incident's timeline. */
export function timelineText(s: StepRef, users: string[], notes: string[], last: boolean): string {
  const round = s.repeat > 0 ? ` (repeat ${s.repeat})` : "";
  const who = users.length > 0 ? users.join(", ") : "nobody";
  const why = notes.length > 0 ? `; ${notes.join("; ")}` : "";
  const end = last ? "; last level: escalation ends here unless acknowledged" : "";
  return `Escalated to level ${s.level}${round}: ${who}${why}${end}`;
}
