import type { Kysely, Selectable } from "kysely";
import { userDisplayNames } from "../../platform/auth/index.ts";
import type { Tables } from "../../platform/db/tables.ts";
import type { TeamSpec, TeamView } from "./teams.schema.ts";
import type { TeamTable } from "./teams.tables.ts";

export type TeamRow = Selectable<TeamTable>;

export function findTeam(db: Kysely<Tables>, name: string): Promise<TeamRow | undefined> {
  return db.selectFrom("teams").selectAll().where("name", "=", name).executeTakeFirst();
}

export async function memberNames(db: Kysely<Tables>, teamIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (teamIds.length === 0) return out;
  const rows = await db
    .selectFrom("team_members")
    .selectAll()
    .where("team_id", "in", teamIds)
    .orderBy("user_name")
    .execute();
  for (const r of rows) out.set(r.team_id, [...(out.get(r.team_id) ?? []), r.user_name]);
  return out;
}

export async function replaceMembers(db: Kysely<Tables>, teamId: string, members: string[]): Promise<void> {
  await db.deleteFrom("team_members").where("team_id", "=", teamId).execute();
  const unique = [...new Set(members)];
  if (unique.length > 0) {
    await db
      .insertInto("team_members")
      .values(unique.map((user_name) => ({ team_id: teamId, user_name })))
      .execute();
  }
}

/** The spec shape of a stored team: what `opsdeck apply` compares a document against. */
export function specOf(row: TeamRow, members: string[]): TeamSpec {
  return {
    ...(row.display_name !== row.name ? { displayName: row.display_name } : {}),
    description: row.description,
    ...(row.email ? { email: row.email } : {}),
    ...(row.parent ? { parent: row.parent } : {}),
    members: [...members].sort(),
  };
}

export async function presentTeams(db: Kysely<Tables>, rows: TeamRow[]): Promise<TeamView[]> {
  const members = await memberNames(
    db,
    rows.map((r) => r.id),
  );
  const allNames = [...new Set([...members.values()].flat())];
  const display = await userDisplayNames(db, allNames);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    displayName: r.display_name,
    description: r.description,
    email: r.email,
    parent: r.parent,
    members: (members.get(r.id) ?? []).map((name) => ({
      name,
      displayName: display.get(name) ?? null,
      resolved: display.has(name),
    })),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
}
