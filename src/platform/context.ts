import type { Clock } from "./clock.ts";

export const roles = ["viewer", "responder", "manager", "admin"] as const;
export type Role = (typeof roles)[number];

/** Who is acting: a signed-in user or token holder, or the system itself (CLI on the host, jobs). */
export type Actor =
  | { type: "user"; id: string; name: string; role: Role }
  | { type: "system"; label: string };

/** Passed from routes and CLI commands into services: who acts, under which request, at what time. */
export interface ActionContext {
  actor: Actor;
  requestId: string | null;
  clock: Clock;
}

export function actorLabel(actor: Actor): string {
  return actor.type === "user" ? actor.name : actor.label;
}

/** True when `role` is at least `required` in the order viewer < responder < manager < admin. */
export function roleAtLeast(role: Role, required: Role): boolean {
  return roles.indexOf(role) >= roles.indexOf(required);
}

/** The system actor has every permission: it is the host's administrator running the CLI. */
export function actorHasRole(actor: Actor, required: Role): boolean {
  return actor.type === "system" || roleAtLeast(actor.role, required);
}
