import type { Database } from "../../platform/db/database.ts";
import { allEntities } from "../catalog/index.ts";

/**
 * Each catalog service's owning team (lower-cased service name -> team name), read through the catalog's
 * index. Services owned by a person, or by no one, have no team.
 */
export async function serviceTeams(db: Database): Promise<Map<string, string>> {
  const teams = new Map<string, string>();
  for (const s of await allEntities(db, "service"))
    if (s.owner && s.owner.kind === "group") teams.set(s.name.toLowerCase(), s.owner.name);
  return teams;
}

export const noTeam = "(no team)";
export const noService = "(no service)";
