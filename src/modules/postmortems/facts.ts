import type { Kysely } from "kysely";
import { chunks } from "../../platform/db/chunks.ts";
import type { Tables } from "../../platform/db/tables.ts";
import { openActionItemStatuses, type PostmortemStatus } from "./postmortem.ts";

/** What KPIs and reports read about postmortems: one row per postmortem, oldest first. */
export interface PostmortemFact {
  postmortemId: string;
  incidentId: string;
  status: PostmortemStatus;
  createdAt: string;
  publishedAt: string | null;
}

export interface ActionItemFact {
  id: string;
  title: string;
  postmortemId: string;
  incidentId: string;
  ownerUserId: string | null;
  ownerTeam: string | null;
  dueDate: string | null;
  priority: string;
  status: string;
  completedAt: string | null;
}

/** Postmortems, optionally only those of the given incidents. */
export async function listPostmortemFacts(
  db: Kysely<Tables>,
  opts: { incidentIds?: string[] },
): Promise<PostmortemFact[]> {
  const base = db
    .selectFrom("postmortems")
    .select(["id", "incident_id", "status", "created_at", "published_at"])
    .orderBy("created_at")
    .orderBy("id");
  const rows = opts.incidentIds
    ? (
        await Promise.all(chunks(opts.incidentIds).map((c) => base.where("incident_id", "in", c).execute()))
      ).flat()
    : await base.execute();
  return rows.map((r) => ({
    postmortemId: r.id,
    incidentId: r.incident_id,
    status: r.status as PostmortemStatus,
    createdAt: r.created_at,
    publishedAt: r.published_at,
  }));
}

/**
 * Action items, oldest first. With `overdueAt` (an ISO date or instant) only open items (open or in
 * progress) whose due date is before that day.
 */
export async function listActionItemFacts(
  db: Kysely<Tables>,
  opts: { overdueAt?: string },
): Promise<ActionItemFact[]> {
  let q = db.selectFrom("action_items").selectAll().orderBy("created_at").orderBy("id");
  if (opts.overdueAt) {
    q = q
      .where("status", "in", openActionItemStatuses)
      .where("due_date", "is not", null)
      .where("due_date", "<", opts.overdueAt.slice(0, 10));
  }
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    postmortemId: r.postmortem_id,
    incidentId: r.incident_id,
    ownerUserId: r.owner_user_id,
    ownerTeam: r.owner_team,
    dueDate: r.due_date,
    priority: r.priority,
    status: r.status,
    completedAt: r.completed_at,
  }));
}
