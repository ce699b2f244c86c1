import { userDisplayNames } from "../../platform/auth/index.ts";
import type { Database } from "../../platform/db/database.ts";
import { listTeams, type TeamView } from "../teams/index.ts";
import { splitRef } from "./refs.ts";

/** Teams and users that owner refs point at, read through their modules' public functions. */
export interface OwnerDirectory {
  team(name: string): TeamView | undefined;
  userDisplayName(name: string): string | undefined;
}

/** Loads what the given formatted owner refs (`group:x`, `user:y`) need, in a few queries. */
export async function ownerDirectory(
  db: Database,
  refs: (string | null | undefined)[],
): Promise<OwnerDirectory> {
  const parsed = refs.filter((r): r is string => !!r).map(splitRef);
  const teams = new Map<string, TeamView>();
  if (parsed.some((r) => r.kind === "group")) {
    // Teams are few (tens to hundreds); paging through them beats one lookup per owner.
    for (let offset = 0; ; offset += 1000) {
      const page = await listTeams(db, { limit: 1000, offset });
      for (const t of page) teams.set(t.name.toLowerCase(), t);
      if (page.length < 1000) break;
    }
  }
  const userNames = [...new Set(parsed.filter((r) => r.kind === "user").map((r) => r.name))];
  const users = await userDisplayNames(db.read, userNames);
  return {
    team: (name) => teams.get(name.toLowerCase()),
    userDisplayName: (name) => users.get(name),
  };
}
