import type { Kysely } from "kysely";
import { recordAudit } from "../../platform/audit/index.ts";
import { toIso } from "../../platform/clock.ts";
import { type ActionContext, actorHasRole, actorLabel } from "../../platform/context.ts";
import type { Database } from "../../platform/db/database.ts";
import type { Tables } from "../../platform/db/tables.ts";
import { ConflictError, InputError, NotAllowedError, NotFoundError } from "../../platform/errors.ts";
import { newId } from "../../platform/ids.ts";
import { addTimelineEntry, getIncident, getTimeline } from "../incidents/index.ts";
import { type Sections, templateSections } from "./postmortem.ts";
import {
  findPostmortem,
  findPostmortemOfIncident,
  type PostmortemRow,
  resolveUser,
} from "./postmortems.repository.ts";
import type { PostmortemDetail } from "./postmortems.schema.ts";
import { presentPostmortem } from "./postmortems.views.ts";

/** Loads a postmortem for a change inside the transaction, or refuses. */
export async function postmortemForChange(trx: Kysely<Tables>, id: string): Promise<PostmortemRow> {
  const row = await findPostmortem(trx, id);
  if (!row) throw new NotFoundError(`no postmortem '${id}'`);
  return row;
}

/** A published postmortem is the record; changing it means reopening it as a draft first. */
export function refuseIfPublished(row: PostmortemRow): void {
  if (row.status === "published")
    throw new ConflictError("the postmortem is published; a manager reopens it as a draft to change it");
}

/**
 * Creates an incident's postmortem from the template, with the incident's timeline filled in, and notes it
 * on the incident's timeline. One postmortem per incident: a second is a conflict.
 */
export async function createPostmortem(
  db: Database,
  ctx: ActionContext,
  incidentRef: string,
  input: { title?: string; sections?: Partial<Sections> } = {},
): Promise<PostmortemDetail> {
  const incident = await getIncident(db, incidentRef);
  const timeline = await getTimeline(db, incident.id);
  const sections = {
    ...templateSections({ ...incident, timeline }),
    ...Object.fromEntries(Object.entries(input.sections ?? {}).filter(([, v]) => v !== undefined)),
  };
  const id = await db.write(async (trx) => {
    if (await findPostmortemOfIncident(trx, incident.id))
      throw new ConflictError(`incident #${incident.number} already has a postmortem`);
    const now = toIso(ctx.clock.now());
    const id = newId(ctx.clock.now());
    const title = input.title ?? `Postmortem: ${incident.title}`;
    const actor = actorLabel(ctx.actor);
    await trx
      .insertInto("postmortems")
      .values({
        id,
        incident_id: incident.id,
        title,
        status: "draft",
        sections_json: JSON.stringify(sections),
        created_by: actor,
        created_at: now,
        updated_at: now,
        submitted_at: null,
        published_at: null,
        published_by: null,
      })
      .execute();
    await addTimelineEntry(trx, ctx.clock, incident.id, {
      kind: "postmortem",
      actor,
      text: "Postmortem created",
      data: { postmortemId: id, status: "draft" },
    });
    await recordAudit(trx, ctx, {
      action: "postmortem.create",
      entityType: "postmortem",
      entityId: id,
      after: { incidentId: incident.id, title },
    });
    return id;
  });
  return presentPostmortem(db, (await findPostmortem(db.read, id)) as PostmortemRow, ctx.clock);
}

/** Changes the title and the given sections; the rest stay as they are. */
export async function updatePostmortem(
  db: Database,
  ctx: ActionContext,
  id: string,
  patch: { title?: string; sections?: Partial<Sections> },
): Promise<PostmortemDetail> {
  await db.write(async (trx) => {
    const row = await postmortemForChange(trx, id);
    refuseIfPublished(row);
    const before = { title: row.title, sections: JSON.parse(row.sections_json) as Sections };
    const sections = {
      ...before.sections,
      ...Object.fromEntries(Object.entries(patch.sections ?? {}).filter(([, v]) => v !== undefined)),
    };
    const title = patch.title ?? row.title;
    await trx
      .updateTable("postmortems")
      .set({ title, sections_json: JSON.stringify(sections), updated_at: toIso(ctx.clock.now()) })
      .where("id", "=", id)
      .execute();
    await recordAudit(trx, ctx, {
      action: "postmortem.update",
      entityType: "postmortem",
      entityId: id,
      before,
      after: { title, sections },
    });
  });
  return presentPostmortem(db, (await findPostmortem(db.read, id)) as PostmortemRow, ctx.clock);
}

/** Replaces the reviewers; those who stay keep their decision. */
export async function setReviewers(
  db: Database,
  ctx: ActionContext,
  id: string,
  refs: string[],
): Promise<PostmortemDetail> {
  await db.write(async (trx) => {
    const row = await postmortemForChange(trx, id);
    refuseIfPublished(row);
    const users = [];
    for (const [i, ref] of refs.entries()) {
      const user = await resolveUser(trx, ref, `reviewers[${i}]`);
      // A reviewer must be able to approve: the review route needs the responder role.
      if (user.role === "viewer")
        throw new InputError(`reviewers[${i}]: ${user.name} is a viewer and could not approve`, [
          { path: `reviewers[${i}]`, message: `${user.name} is a viewer; reviewers need the responder role` },
        ]);
      users.push(user);
    }
    const wanted = new Set(users.map((u) => u.id));
    const current = await trx
      .selectFrom("postmortem_reviewers")
      .selectAll()
      .where("postmortem_id", "=", id)
      .execute();
    const gone = current.filter((r) => !wanted.has(r.user_id)).map((r) => r.user_id);
    if (gone.length > 0)
      await trx
        .deleteFrom("postmortem_reviewers")
        .where("postmortem_id", "=", id)
        .where("user_id", "in", gone)
        .execute();
    const known = new Set(current.map((r) => r.user_id));
    const added = [...wanted].filter((u) => !known.has(u));
    if (added.length > 0)
      await trx
        .insertInto("postmortem_reviewers")
        .values(
          added.map((user_id) => ({
            postmortem_id: id,
            user_id,
            decision: "pending",
            comment: "",
            decided_at: null,
          })),
        )
        .execute();
    await recordAudit(trx, ctx, {
      action: "postmortem.reviewers",
      entityType: "postmortem",
      entityId: id,
      before: current.map((r) => r.user_id),
      after: [...wanted],
    });
  });
  return presentPostmortem(db, (await findPostmortem(db.read, id)) as PostmortemRow, ctx.clock);
}

/** A reviewer approves or asks for changes; only the reviewer themselves, only while in review. */
export async function reviewPostmortem(
  db: Database,
  ctx: ActionContext,
  id: string,
  review: { decision: "approved" | "changes_requested"; comment: string },
): Promise<PostmortemDetail> {
  if (ctx.actor.type !== "user") throw new NotAllowedError("only a signed-in reviewer can review");
  const userId = ctx.actor.id;
  await db.write(async (trx) => {
    const row = await postmortemForChange(trx, id);
    if (row.status !== "in_review")
      throw new InputError(`status: the postmortem is ${row.status}; reviews happen while it is in_review`, [
        { path: "status", message: `is ${row.status}, not in_review` },
      ]);
    const mine = await trx
      .selectFrom("postmortem_reviewers")
      .selectAll()
      .where("postmortem_id", "=", id)
      .where("user_id", "=", userId)
      .executeTakeFirst();
    if (!mine) throw new NotAllowedError("you are not a reviewer of this postmortem");
    await trx
      .updateTable("postmortem_reviewers")
      .set({ decision: review.decision, comment: review.comment, decided_at: toIso(ctx.clock.now()) })
      .where("postmortem_id", "=", id)
      .where("user_id", "=", userId)
      .execute();
    await recordAudit(trx, ctx, {
      action: "postmortem.review",
      entityType: "postmortem",
      entityId: id,
      after: review,
    });
  });
  return presentPostmortem(db, (await findPostmortem(db.read, id)) as PostmortemRow, ctx.clock);
}

export const isManager = (ctx: ActionContext) => actorHasRole(ctx.actor, "manager");
