import type { Database } from "../../platform/db/database.ts";
import { listEntities } from "../catalog/index.ts";

/**
 * Each catalog service's owning team (lower-cased service name -> team name), read through the catalog's
 * index a page at a time. Services owned by a person, or by no one, have no team.
 */
export async function serviceTeams(db: Database): Promise<Map<string, string>> {
  const teams = new Map<string, string>();
  for (let offset = 0; ; offset += 1000) {
    const page = await listEntities(db, "service", { limit: 1000, offset });
    for (const s of page.items)
      if (s.owner && s.owner.kind === "group") teams.set(s.name.toLowerCase(), s.owner.name);
    if (page.items.length < 1000) return teams;
  }
}

export const noTeam = "(no team)";
export const noService = "(no service)";
