import type { Clock } from "../../platform/clock.ts";
import type { Database } from "../../platform/db/database.ts";
import { NotFoundError } from "../../platform/errors.ts";
import { getIncident } from "../incidents/index.ts";
import {
  openActionItemStatuses,
  type PostmortemStatus,
  type Sections,
  sectionKeys,
  sectionTitles,
} from "./postmortem.ts";
import {
  actionItemsOf,
  findPostmortem,
  findPostmortemOfIncident,
  incidentHeads,
  type PostmortemRow,
  presentActionItems,
  usersById,
} from "./postmortems.repository.ts";
import type { PostmortemDetail, PostmortemSummary } from "./postmortems.schema.ts";

/** Today's calendar day in UTC: due dates before it are overdue. */
export const todayOf = (clock: Clock) => clock.now().toISOString().slice(0, 10);

async function summaries(db: Database, rows: PostmortemRow[]): Promise<PostmortemSummary[]> {
  const incidents = await incidentHeads(
    db,
    rows.map((r) => r.incident_id),
  );
  const items = await actionItemsOf(
    db.read,
    rows.map((r) => r.id),
  );
  return rows.map((r) => {
    const mine = items.filter((i) => i.postmortem_id === r.id);
    const incident = incidents.get(r.incident_id);
    return {
      id: r.id,
      incidentId: r.incident_id,
      incidentNumber: incident?.number ?? 0,
      incidentTitle: incident?.title ?? "",
      incidentSeverity: incident?.severity ?? "",
      title: r.title,
      status: r.status as PostmortemStatus,
      createdBy: r.created_by,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      publishedAt: r.published_at,
      actionItemCount: mine.length,
      openActionItemCount: mine.filter((i) => openActionItemStatuses.includes(i.status as "open")).length,
    };
  });
}

export async function listPostmortems(
  db: Database,
  q: { status?: PostmortemStatus; incident?: string; limit: number; offset: number },
): Promise<PostmortemSummary[]> {
  let query = db.read.selectFrom("postmortems").selectAll();
  if (q.status) query = query.where("status", "=", q.status);
  if (q.incident) {
    const incident = await getIncident(db, q.incident).catch((error: unknown) => {
      if (error instanceof NotFoundError) return null;
      throw error;
    });
    if (!incident) return [];
    query = query.where("incident_id", "=", incident.id);
  }
  const rows = await query
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(q.limit)
    .offset(q.offset)
    .execute();
  return summaries(db, rows);
}

export async function presentPostmortem(
  db: Database,
  row: PostmortemRow,
  clock: Clock,
): Promise<PostmortemDetail> {
  const [summary] = await summaries(db, [row]);
  if (!summary) throw new NotFoundError(`no postmortem '${row.id}'`);
  const reviewerRows = await db.read
    .selectFrom("postmortem_reviewers")
    .selectAll()
    .where("postmortem_id", "=", row.id)
    .execute();
  const users = await usersById(
    db.read,
    reviewerRows.map((r) => r.user_id),
  );
  const stored = JSON.parse(row.sections_json) as Partial<Sections>;
  return {
    ...summary,
    sections: Object.fromEntries(sectionKeys.map((k) => [k, stored[k] ?? ""])) as Sections,
    sectionOrder: sectionKeys.map((key) => ({ key, title: sectionTitles[key] })),
    reviewers: reviewerRows
      .map((r) => {
        const u = users.get(r.user_id);
        return {
          id: r.user_id,
          name: u?.name ?? r.user_id,
          displayName: u?.displayName ?? r.user_id,
          decision: r.decision as "pending",
          comment: r.comment,
          decidedAt: r.decided_at,
        };
      })
      .sort((a, b) => a.name.localeCompare(b.name)),
    actionItems: await presentActionItems(db, await actionItemsOf(db.read, [row.id]), todayOf(clock)),
    submittedAt: row.submitted_at,
    publishedBy: row.published_by,
  };
}

export async function getPostmortem(db: Database, id: string, clock: Clock): Promise<PostmortemDetail> {
  const row = await findPostmortem(db.read, id);
  if (!row) throw new NotFoundError(`no postmortem '${id}'`);
  return presentPostmortem(db, row, clock);
}

/** The postmortem of an incident named by id or number; 404 when the incident or its postmortem is missing. */
export async function postmortemOfIncident(
  db: Database,
  ref: string,
  clock: Clock,
): Promise<PostmortemDetail> {
  const incident = await getIncident(db, ref);
  const row = await findPostmortemOfIncident(db.read, incident.id);
  if (!row) throw new NotFoundError(`incident #${incident.number} has no postmortem yet`);
  return presentPostmortem(db, row, clock);
}
