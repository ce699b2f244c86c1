import type { Kysely } from "kysely";
import { recordAudit } from "../../platform/audit/index.ts";
import { userDisplayNames } from "../../platform/auth/index.ts";
import { type Clock, toIso } from "../../platform/clock.ts";
import { type ActionContext, actorHasRole, actorLabel } from "../../platform/context.ts";
import type { Database } from "../../platform/db/database.ts";
import type { Tables } from "../../platform/db/tables.ts";
import { ConflictError, InputError, NotAllowedError, NotFoundError } from "../../platform/errors.ts";
import { newId } from "../../platform/ids.ts";
import type { CreateOverrideInput, OverrideView } from "./oncall.schema.ts";
import type { OverrideRow } from "./schedules.repository.ts";
import { scheduleRow, shiftsOfRow } from "./shifts.service.ts";

/**
 * Overrides made by people at the time ("cover me", "take this shift"), on top of the schedule's spec.
 *
 * Who may do what: managers (and the host CLI) may put anyone on call at any time. A responder may
 * - take time for themselves ("take this shift"), whoever has it now;
 * - hand time they are on call for to someone else ("cover me"): every instant of it must be theirs.
 * Only the future can change: an override that ends before now would rewrite the history that paging
 * already relied on, so it is refused, and one that has ended cannot be deleted.
 */

export function presentOverride(r: OverrideRow): OverrideView {
  return {
    id: r.source === "api" ? r.id : null,
    source: r.source,
    user: r.user_name,
    start: r.start_at,
    end: r.end_at,
    reason: r.reason,
    createdBy: r.created_by,
    createdAt: r.created_at,
  };
}

/** Overrides of both kinds that end after `from` (default now) and start before `to`, by start. */
export async function listOverrides(
  db: Database,
  clock: Clock,
  scheduleName: string,
  q: { from?: string; to?: string },
): Promise<OverrideView[]> {
  const row = await scheduleRow(db, scheduleName);
  let query = db.read
    .selectFrom("oncall_overrides")
    .selectAll()
    .where("schedule_id", "=", row.id)
    .where("end_at", ">", toIso(q.from ? new Date(q.from) : clock.now()));
  if (q.to) query = query.where("start_at", "<", toIso(new Date(q.to)));
  const rows = await query.orderBy("start_at").orderBy("created_at").orderBy("position").execute();
  return rows.map(presentOverride);
}

export async function createOverride(
  db: Database,
  ctx: ActionContext,
  scheduleName: string,
  input: CreateOverrideInput,
): Promise<OverrideView> {
  const start = new Date(input.start);
  const end = new Date(input.end);
  const now = ctx.clock.now();
  if (end.getTime() <= start.getTime())
    throw new InputError("end must be after start", [{ path: "end", message: "must be after start" }]);
  if (end.getTime() <= now.getTime())
    throw new InputError("the override is over before it could take effect", [
      { path: "end", message: "must be in the future: past on-call cannot change" },
    ]);
  const self = ctx.actor.type === "user" ? ctx.actor.name : null;
  const user = input.user ?? self;
  if (!user) throw new InputError("say who goes on call", [{ path: "user", message: "is required" }]);
  return db.write(async (trx) => {
    const schedule = await scheduleRow(trx, scheduleName);
    if (!(await userDisplayNames(trx, [user])).has(user))
      throw new InputError(`no user named '${user}'`, [{ path: "user", message: `no user named '${user}'` }]);
    if (!actorHasRole(ctx.actor, "manager") && user !== self) {
      await requireOwnTime(trx, schedule, self ?? "", start, end);
    }
    const row: OverrideRow = {
      id: newId(now),
      schedule_id: schedule.id,
      user_name: user,
      start_at: toIso(start),
      end_at: toIso(end),
      reason: input.reason,
      source: "api",
      position: 0,
      created_by: actorLabel(ctx.actor),
      created_at: toIso(now),
    };
    await trx.insertInto("oncall_overrides").values(row).execute();
    await recordAudit(trx, ctx, {
      action: "schedule.override.create",
      entityType: "schedule",
      entityId: scheduleName,
      after: presentOverride(row),
    });
    return presentOverride(row);
  });
}

/** "Cover me": the caller may hand over only time that is theirs in the schedule as it stands. */
async function requireOwnTime(
  trx: Kysely<Tables>,
  schedule: Parameters<typeof shiftsOfRow>[1],
  caller: string,
  start: Date,
  end: Date,
): Promise<void> {
  const shifts = await shiftsOfRow(trx, schedule, start, end);
  let cursor = start.getTime();
  for (const s of shifts) {
    if (s.start.getTime() > cursor || s.user !== caller) break;
    cursor = s.end.getTime();
  }
  if (cursor >= end.getTime()) return;
  const other = shifts.find((s) => s.user !== caller && s.end.getTime() > cursor);
  const holder = other && other.start.getTime() <= cursor ? other.user : "nobody";
  throw new NotAllowedError(
    `a responder can hand over only their own on-call time: at ${toIso(new Date(cursor))} ${holder} is on call, not ${caller}; ask a manager, or take the shift yourself`,
  );
}

export async function deleteOverride(
  db: Database,
  ctx: ActionContext,
  scheduleName: string,
  id: string,
): Promise<void> {
  await db.write(async (trx) => {
    const schedule = await scheduleRow(trx, scheduleName);
    const row = await trx
      .selectFrom("oncall_overrides")
      .selectAll()
      .where("id", "=", id)
      .where("schedule_id", "=", schedule.id)
      .executeTakeFirst();
    if (row?.source !== "api")
      throw new NotFoundError(
        `schedule '${scheduleName}' has no override with id '${id}' made through the API`,
      );
    if (row.end_at <= toIso(ctx.clock.now()))
      throw new ConflictError("the override has ended: past on-call stays as it was");
    const label = actorLabel(ctx.actor);
    const involved = ctx.actor.type === "user" && (row.created_by === label || row.user_name === label);
    if (!involved && !actorHasRole(ctx.actor, "manager"))
      throw new NotAllowedError(
        "only its creator, the user it puts on call, or a manager can delete an override",
      );
    await trx.deleteFrom("oncall_overrides").where("id", "=", id).execute();
    await recordAudit(trx, ctx, {
      action: "schedule.override.delete",
      entityType: "schedule",
      entityId: scheduleName,
      before: presentOverride(row),
    });
  });
}
