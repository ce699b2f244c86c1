import type { Kysely, Selectable } from "kysely";
import { findUserById, findUserByName, findUsersByIds } from "../../platform/auth/index.ts";
import type { Database } from "../../platform/db/database.ts";
import type { Tables } from "../../platform/db/tables.ts";
import { InputError } from "../../platform/errors.ts";
import { incidentSummaries } from "../incidents/index.ts";
import { openActionItemStatuses } from "./postmortem.ts";
import type { ActionItemView } from "./postmortems.schema.ts";
import type { ActionItemTable, PostmortemTable } from "./postmortems.tables.ts";

export type PostmortemRow = Selectable<PostmortemTable>;
export type ActionItemRow = Selectable<ActionItemTable>;
export interface UserRef {
  id: string;
  name: string;
  displayName: string;
}

export function findPostmortem(db: Kysely<Tables>, id: string): Promise<PostmortemRow | undefined> {
  return db.selectFrom("postmortems").selectAll().where("id", "=", id).executeTakeFirst();
}

export function findPostmortemOfIncident(
  db: Kysely<Tables>,
  incidentId: string,
): Promise<PostmortemRow | undefined> {
  return db.selectFrom("postmortems").selectAll().where("incident_id", "=", incidentId).executeTakeFirst();
}

export function actionItemsOf(db: Kysely<Tables>, postmortemIds: string[]): Promise<ActionItemRow[]> {
  if (postmortemIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("action_items")
    .selectAll()
    .where("postmortem_id", "in", postmortemIds)
    .orderBy("position")
    .orderBy("id")
    .execute();
}

/** Users by id, for owners and reviewers. */
export async function usersById(db: Kysely<Tables>, ids: (string | null)[]): Promise<Map<string, UserRef>> {
  const rows = await findUsersByIds(
    db,
    ids.filter((i): i is string => !!i),
  );
  return new Map(rows.map((r) => [r.id, { id: r.id, name: r.name, displayName: r.display_name }]));
}

/** A user named by handle or id; an unknown one is an input error on `field`. */
export async function resolveUser(
  db: Kysely<Tables>,
  ref: string,
  field: string,
): Promise<UserRef & { role: string }> {
  const row = (await findUserByName(db, ref.toLowerCase())) ?? (await findUserById(db, ref));
  if (!row)
    throw new InputError(`${field}: no user '${ref}'`, [{ path: field, message: `no user '${ref}'` }]);
  return { id: row.id, name: row.name, displayName: row.display_name, role: row.role };
}

export interface IncidentHead {
  number: number;
  title: string;
  severity: string;
}

/** Number, title and severity of each incident, read through the incidents module in one query. */
export async function incidentHeads(db: Database, ids: string[]): Promise<Map<string, IncidentHead>> {
  const found = await incidentSummaries(db, ids);
  return new Map(
    [...found].map(([id, i]) => [id, { number: i.number, title: i.title, severity: i.severity }]),
  );
}

/** Open (or in progress) with a due day before `today`: what the overdue lists show. */
export function isOverdue(row: { status: string; due_date: string | null }, today: string): boolean {
  return (
    openActionItemStatuses.includes(row.status as "open") && row.due_date !== null && row.due_date < today
  );
}

export async function presentActionItems(
  db: Database,
  rows: ActionItemRow[],
  today: string,
): Promise<ActionItemView[]> {
  const users = await usersById(
    db.read,
    rows.map((r) => r.owner_user_id),
  );
  const incidents = await incidentHeads(
    db,
    rows.map((r) => r.incident_id),
  );
  return rows.map((r) => {
    const incident = incidents.get(r.incident_id);
    return {
      id: r.id,
      title: r.title,
      owner: r.owner_user_id ? (users.get(r.owner_user_id) ?? null) : null,
      team: r.owner_team,
      dueDate: r.due_date,
      priority: r.priority,
      status: r.status,
      externalUrl: r.external_url,
      completedAt: r.completed_at,
      postmortemId: r.postmortem_id,
      incidentId: r.incident_id,
      incidentNumber: incident?.number ?? 0,
      incidentTitle: incident?.title ?? "",
      overdue: isOverdue(r, today),
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    };
  });
}
