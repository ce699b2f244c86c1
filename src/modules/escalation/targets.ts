import type { Kysely } from "kysely";
import { userDisplayNames } from "../../platform/auth/index.ts";
import type { Tables } from "../../platform/db/tables.ts";
import { type FieldIssue, NotFoundError } from "../../platform/errors.ts";
import { whoIsOnCall } from "../oncall/index.ts";
import { findTeam, memberNames } from "../teams/index.ts";
import type { PolicySpec } from "./escalation.schema.ts";
import { parseTarget, type Target, targetMentions } from "./policy.ts";

/**
 * Targets of escalation levels: checked to exist when a policy is written, resolved to users when a step
 * runs. Everything takes the caller's transaction, so a step sees exactly what its commit will.
 */

/** Whether a schedule exists. The on-call module's API answers NotFoundError for an unknown one. */
async function scheduleExists(db: Kysely<Tables>, name: string): Promise<boolean> {
  try {
    // Any instant does; the epoch precedes every layer, so nothing is computed.
    await whoIsOnCall(db, name, new Date(0));
    return true;
  } catch (error) {
    if (error instanceof NotFoundError) return false;
    throw error;
  }
}

/** Names declared in the same apply, by kind (`User`, `Team`, `Schedule`), count as existing. */
export type AlsoKnown = Partial<Record<"User" | "Team" | "Schedule", ReadonlySet<string>>>;

const kindOf = { user: "User", team: "Team", schedule: "Schedule" } as const;

/** Targets that name nothing, each with its field path under `prefix` (`spec.levels.1.targets.0`). */
export async function unknownTargets(
  db: Kysely<Tables>,
  spec: PolicySpec,
  prefix = "",
  alsoKnown: AlsoKnown = {},
): Promise<FieldIssue[]> {
  const mentions = targetMentions(spec);
  const users = await userDisplayNames(db, [
    ...new Set(mentions.filter((m) => m.target.kind === "user").map((m) => m.target.name)),
  ]);
  const issues: FieldIssue[] = [];
  for (const { path, target } of mentions) {
    if (alsoKnown[kindOf[target.kind]]?.has(target.name)) continue;
    const exists =
      target.kind === "user"
        ? users.has(target.name)
        : target.kind === "team"
          ? (await findTeam(db, target.name)) !== undefined
          : await scheduleExists(db, target.name);
    if (!exists)
      issues.push({ path: `${prefix}${path}`, message: `no ${target.kind} named '${target.name}'` });
  }
  return issues;
}

/** Who a level reaches at an instant, in target order without repeats, and why a target reached nobody. */
export interface Resolved {
  users: string[];
  notes: string[];
}

async function usersOf(db: Kysely<Tables>, target: Target, at: Date): Promise<Resolved> {
  switch (target.kind) {
    case "user": {
      const known = await userDisplayNames(db, [target.name]);
      return known.has(target.name)
        ? { users: [target.name], notes: [] }
        : { users: [], notes: [`no user named '${target.name}'`] };
    }
    case "team": {
      const team = await findTeam(db, target.name);
      if (!team) return { users: [], notes: [`no team named '${target.name}'`] };
      const members = (await memberNames(db, [team.id])).get(team.id) ?? [];
      // Team membership may name people who are not users (yet); they cannot be notified.
      const known = await userDisplayNames(db, members);
      const users = members.filter((m) => known.has(m));
      return users.length > 0
        ? { users, notes: [] }
        : { users: [], notes: [`team ${target.name} has no members who are users`] };
    }
    case "schedule": {
      try {
        const user = await whoIsOnCall(db, target.name, at);
        return user
          ? { users: [user], notes: [] }
          : { users: [], notes: [`nobody is on call in schedule ${target.name}`] };
      } catch (error) {
        if (error instanceof NotFoundError)
          return { users: [], notes: [`no schedule named '${target.name}'`] };
        throw error;
      }
    }
  }
}

/** Resolves a level's targets at `at` (the instant the step runs): on-call now, team members now. */
export async function resolveTargets(db: Kysely<Tables>, refs: string[], at: Date): Promise<Resolved> {
  const users: string[] = [];
  const notes: string[] = [];
  for (const ref of refs) {
    const r = await usersOf(db, parseTarget(ref), at);
    for (const u of r.users) if (!users.includes(u)) users.push(u);
    notes.push(...r.notes);
  }
  return { users, notes };
}
