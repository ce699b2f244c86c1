import type { Kysely, Selectable } from "kysely";
import type { Tables } from "../../platform/db/tables.ts";
import type { RunbookTable, RunbookVersionTable } from "./postmortems.tables.ts";
import type { RunbookDetail, RunbookSpec } from "./runbooks.schema.ts";

export type RunbookRow = Selectable<RunbookTable>;
export type RunbookVersionRow = Selectable<RunbookVersionTable>;

export function findRunbook(db: Kysely<Tables>, name: string): Promise<RunbookRow | undefined> {
  return db.selectFrom("runbooks").selectAll().where("name", "=", name).executeTakeFirst();
}

export function findVersion(
  db: Kysely<Tables>,
  runbookId: string,
  version: number,
): Promise<RunbookVersionRow | undefined> {
  return db
    .selectFrom("runbook_versions")
    .selectAll()
    .where("runbook_id", "=", runbookId)
    .where("version", "=", version)
    .executeTakeFirst();
}

/** Every runbook with its current version's title and body, by name. */
export async function runbooksWithCurrent(
  db: Kysely<Tables>,
): Promise<{ row: RunbookRow; current: RunbookVersionRow }[]> {
  const rows = await db
    .selectFrom("runbooks as r")
    .innerJoin("runbook_versions as v", (j) =>
      j.onRef("v.runbook_id", "=", "r.id").onRef("v.version", "=", "r.current_version"),
    )
    .selectAll("r")
    .select(["v.title", "v.body", "v.author", "v.message", "v.created_at as version_created_at"])
    .orderBy("r.name")
    .execute();
  return rows.map((r) => ({
    row: {
      id: r.id,
      name: r.name,
      services_json: r.services_json,
      match_json: r.match_json,
      current_version: Number(r.current_version),
      created_at: r.created_at,
      updated_at: r.updated_at,
    },
    current: {
      runbook_id: r.id,
      version: Number(r.current_version),
      title: r.title,
      body: r.body,
      author: r.author,
      message: r.message,
      created_at: r.version_created_at,
    },
  }));
}

/** The spec shape of a stored runbook: what `opsdeck apply` compares a document against (same key order). */
export function specOf(row: RunbookRow, current: RunbookVersionRow): RunbookSpec {
  return {
    title: current.title,
    services: JSON.parse(row.services_json) as string[],
    match: JSON.parse(row.match_json) as string[],
    body: current.body,
  };
}

export function presentRunbook(row: RunbookRow, current: RunbookVersionRow): RunbookDetail {
  return {
    name: row.name,
    title: current.title,
    services: JSON.parse(row.services_json) as string[],
    match: JSON.parse(row.match_json) as string[],
    version: Number(row.current_version),
    updatedAt: row.updated_at,
    body: current.body,
    author: current.author,
    createdAt: row.created_at,
  };
}
