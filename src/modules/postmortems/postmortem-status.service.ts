import { recordAudit } from "../../platform/audit/index.ts";
import { toIso } from "../../platform/clock.ts";
import { type ActionContext, actorLabel } from "../../platform/context.ts";
import type { Database } from "../../platform/db/database.ts";
import { InputError } from "../../platform/errors.ts";
import { addTimelineEntry } from "../incidents/index.ts";
import { checkTransition, type PostmortemStatus, publishBlockers } from "./postmortem.ts";
import { actionItemsOf, findPostmortem, type PostmortemRow, usersById } from "./postmortems.repository.ts";
import type { PostmortemDetail } from "./postmortems.schema.ts";
import { isManager, postmortemForChange } from "./postmortems.service.ts";
import { presentPostmortem } from "./postmortems.views.ts";

const timelineText: Record<PostmortemStatus, string> = {
  draft: "Postmortem reopened as a draft",
  in_review: "Postmortem submitted for review",
  published: "Postmortem published",
};

/**
 * Moves a postmortem to `to`, checking the state machine, the reviewers' approvals and (to publish) that
 * every action item has an owner and a due date. Going back to draft clears the approvals: the text may
 * change again. Each move is audited and noted on the incident's timeline.
 */
export async function changePostmortemStatus(
  db: Database,
  ctx: ActionContext,
  id: string,
  to: PostmortemStatus,
): Promise<PostmortemDetail> {
  await db.write(async (trx) => {
    const row = await postmortemForChange(trx, id);
    const from = row.status as PostmortemStatus;
    const reviewerRows = await trx
      .selectFrom("postmortem_reviewers")
      .selectAll()
      .where("postmortem_id", "=", id)
      .execute();
    const names = await usersById(
      trx,
      reviewerRows.map((r) => r.user_id),
    );
    const verdict = checkTransition(
      from,
      to,
      { isManager: isManager(ctx) },
      reviewerRows
        .map((r) => ({ name: names.get(r.user_id)?.name ?? r.user_id, decision: r.decision }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    );
    if (!verdict.ok)
      throw new InputError(`status: ${verdict.message}`, [{ path: "status", message: verdict.message }]);
    if (to === "published") {
      const items = await actionItemsOf(trx, [id]);
      const blockers = publishBlockers(
        items.map((i, position) => ({
          position,
          title: i.title,
          ownerUserId: i.owner_user_id,
          dueDate: i.due_date,
          status: i.status,
        })),
      );
      if (blockers.length > 0)
        throw new InputError(
          `cannot publish: ${blockers.map((b) => b.message).join("; ")}`,
          blockers.map((b) => ({ path: b.path, message: b.message })),
        );
    }
    const now = toIso(ctx.clock.now());
    const actor = actorLabel(ctx.actor);
    await trx
      .updateTable("postmortems")
      .set({
        status: to,
        updated_at: now,
        ...(to === "in_review" ? { submitted_at: now } : {}),
        ...(to === "published" ? { published_at: now, published_by: actor } : {}),
        ...(to === "draft" ? { published_at: null, published_by: null, submitted_at: null } : {}),
      })
      .where("id", "=", id)
      .execute();
    if (to === "draft")
      await trx
        .updateTable("postmortem_reviewers")
        .set({ decision: "pending", decided_at: null })
        .where("postmortem_id", "=", id)
        .execute();
    await addTimelineEntry(trx, ctx.clock, row.incident_id, {
      kind: "postmortem",
      actor,
      text: timelineText[to],
      data: { postmortemId: id, status: to, from },
    });
    await recordAudit(trx, ctx, {
      action: `postmortem.${to === "published" ? "publish" : to === "in_review" ? "submit" : "reopen"}`,
      entityType: "postmortem",
      entityId: id,
      before: { status: from },
      after: { status: to },
    });
  });
  return presentPostmortem(db, (await findPostmortem(db.read, id)) as PostmortemRow, ctx.clock);
}
