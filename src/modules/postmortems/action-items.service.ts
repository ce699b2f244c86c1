import type { Kysely } from "kysely";
import { recordAudit } from "../../platform/audit/index.ts";
import { type Clock, toIso } from "../../platform/clock.ts";
import type { ActionContext } from "../../platform/context.ts";
import type { Database } from "../../platform/db/database.ts";
import type { Tables } from "../../platform/db/tables.ts";
import { InputError, NotFoundError } from "../../platform/errors.ts";
import { newId } from "../../platform/ids.ts";
import { getEntity } from "../catalog/index.ts";
import { getIncident } from "../incidents/index.ts";
import { publishBlockers } from "./postmortem.ts";
import { type ActionItemRow, presentActionItems, resolveUser } from "./postmortems.repository.ts";
import type { ActionItemView, CreateActionItemInput, UpdateActionItemInput } from "./postmortems.schema.ts";
import { postmortemForChange } from "./postmortems.service.ts";
import { todayOf } from "./postmortems.views.ts";

/** The owner team of the incident's primary service, from the catalog; null when there is none. */
export async function defaultTeamOf(db: Database, clock: Clock, incidentId: string): Promise<string | null> {
  const incident = await getIncident(db, incidentId);
  if (!incident.service) return null;
  try {
    const service = await getEntity(db, clock, "service", incident.service);
    return service.owner?.kind === "group" ? service.owner.name : null;
  } catch {
    return null;
  }
}

const finished = (status: string) => status === "done" || status === "wont_do";

/** Items of a published postmortem must keep what publishing required of them. */
function keepPublishable(item: Pick<ActionItemRow, "title" | "owner_user_id" | "due_date" | "status">): void {
  const [blocker] = publishBlockers([
    {
      position: 0,
      title: item.title,
      ownerUserId: item.owner_user_id,
      dueDate: item.due_date,
      status: item.status,
    },
  ]);
  if (blocker) {
    const field = item.owner_user_id ? "dueDate" : "owner";
    throw new InputError(`${field}: the postmortem is published and ${blocker.message}`, [
      { path: field, message: `is required on a published postmortem (${blocker.message})` },
    ]);
  }
}

async function viewOf(db: Database, ctx: ActionContext, id: string): Promise<ActionItemView> {
  const row = await db.read
    .selectFrom("action_items")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
  const [view] = await presentActionItems(db, [row], todayOf(ctx.clock));
  return view as ActionItemView;
}

export async function createActionItem(
  db: Database,
  ctx: ActionContext,
  postmortemId: string,
  input: CreateActionItemInput,
): Promise<ActionItemView> {
  const pm = await db.read
    .selectFrom("postmortems")
    .select("incident_id")
    .where("id", "=", postmortemId)
    .executeTakeFirst();
  if (!pm) throw new NotFoundError(`no postmortem '${postmortemId}'`);
  const team = input.team === undefined ? await defaultTeamOf(db, ctx.clock, pm.incident_id) : input.team;
  const id = await db.write(async (trx) => {
    const row = await postmortemForChange(trx, postmortemId);
    const owner = input.owner ? await resolveUser(trx, input.owner, "owner") : null;
    const now = ctx.clock.now();
    const last = await trx
      .selectFrom("action_items")
      .select((eb) => eb.fn.max("position").as("max"))
      .where("postmortem_id", "=", postmortemId)
      .executeTakeFirst();
    const values = {
      id: newId(now),
      postmortem_id: postmortemId,
      incident_id: row.incident_id,
      position: last?.max === null || last?.max === undefined ? 0 : Number(last.max) + 1,
      title: input.title,
      owner_user_id: owner?.id ?? null,
      owner_team: team ?? null,
      due_date: input.dueDate ?? null,
      priority: input.priority,
      status: input.status,
      external_url: input.externalUrl ?? null,
      completed_at: finished(input.status) ? toIso(now) : null,
      created_at: toIso(now),
      updated_at: toIso(now),
    };
    if (row.status === "published") keepPublishable(values);
    await trx.insertInto("action_items").values(values).execute();
    await recordAudit(trx, ctx, {
      action: "action_item.create",
      entityType: "action_item",
      entityId: values.id,
      after: values,
    });
    return values.id;
  });
  return viewOf(db, ctx, id);
}

async function itemForChange(trx: Kysely<Tables>, id: string): Promise<ActionItemRow> {
  const row = await trx.selectFrom("action_items").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) throw new NotFoundError(`no action item '${id}'`);
  return row;
}

export async function updateActionItem(
  db: Database,
  ctx: ActionContext,
  id: string,
  patch: UpdateActionItemInput,
): Promise<ActionItemView> {
  await db.write(async (trx) => {
    const before = await itemForChange(trx, id);
    const pm = await postmortemForChange(trx, before.postmortem_id);
    const now = toIso(ctx.clock.now());
    const owner =
      patch.owner === undefined
        ? before.owner_user_id
        : patch.owner === null
          ? null
          : (await resolveUser(trx, patch.owner, "owner")).id;
    const status = patch.status ?? before.status;
    const after: ActionItemRow = {
      ...before,
      title: patch.title ?? before.title,
      owner_user_id: owner,
      owner_team: patch.team === undefined ? before.owner_team : patch.team,
      due_date: patch.dueDate === undefined ? before.due_date : patch.dueDate,
      priority: patch.priority ?? before.priority,
      status,
      external_url: patch.externalUrl === undefined ? before.external_url : patch.externalUrl,
      completed_at: finished(status) ? (finished(before.status) ? before.completed_at : now) : null,
      updated_at: now,
    };
    if (pm.status === "published") keepPublishable(after);
    const { id: _id, ...values } = after;
    await trx.updateTable("action_items").set(values).where("id", "=", id).execute();
    await recordAudit(trx, ctx, {
      action: "action_item.update",
      entityType: "action_item",
      entityId: id,
      before,
      after,
    });
  });
  return viewOf(db, ctx, id);
}

export async function deleteActionItem(db: Database, ctx: ActionContext, id: string): Promise<void> {
  await db.write(async (trx) => {
    const before = await itemForChange(trx, id);
    await trx.deleteFrom("action_items").where("id", "=", id).execute();
    await recordAudit(trx, ctx, {
      action: "action_item.delete",
      entityType: "action_item",
      entityId: id,
      before,
    });
  });
}
