import type { Kysely } from "kysely";
import { recordAudit } from "../../platform/audit/index.ts";
import { userDisplayNames } from "../../platform/auth/index.ts";
import { type Clock, toIso } from "../../platform/clock.ts";
import { type ActionContext, actorLabel } from "../../platform/context.ts";
import type { Database } from "../../platform/db/database.ts";
import type { Tables } from "../../platform/db/tables.ts";
import { ConflictError, type FieldIssue, InputError, NotFoundError } from "../../platform/errors.ts";
import { newId } from "../../platform/ids.ts";
import { parseInput } from "../../platform/validation.ts";
import {
  createScheduleBody,
  type ListSchedulesQuery,
  type ScheduleDocumentSpec,
  type ScheduleView,
  scheduleDocumentSpec,
} from "./oncall.schema.ts";
import type { ScheduleSpec } from "./schedule.schema.ts";
import { onCallAt } from "./schedule.ts";
import {
  engineInput,
  findSchedule,
  overridesIn,
  type ScheduleRow,
  specOf,
  userMentions,
} from "./schedules.repository.ts";

/**
 * Participants and override users must be users: unlike a team member, a schedule that names nobody real
 * leaves a hole in the rotation that only shows when someone is paged. `alsoKnown` holds users declared in
 * the same apply. Paths are relative to the spec, prefixed with `prefix`.
 */
export async function unknownUsers(
  db: Kysely<Tables>,
  spec: ScheduleSpec,
  prefix = "",
  alsoKnown: ReadonlySet<string> = new Set(),
): Promise<FieldIssue[]> {
  const mentions = userMentions(spec);
  const known = await userDisplayNames(db, [...new Set(mentions.map((m) => m.user))]);
  return mentions
    .filter((m) => !known.has(m.user) && !alsoKnown.has(m.user))
    .map((m) => ({ path: `${prefix}${m.path}`, message: `no user named '${m.user}'` }));
}

function refuseUnknown(issues: FieldIssue[]): void {
  if (issues.length > 0)
    throw new InputError(issues.map((i) => `${i.path}: ${i.message}`).join("; "), issues);
}

/**
 * Creates or replaces a schedule inside the caller's transaction and audits it. Shared by the API and
 * `opsdeck apply`. The spec's overrides are mirrored into the overrides table; one that is unchanged keeps
 * its creation time, so re-applying a manifest never changes which override wins.
 */
export async function putSchedule(
  trx: Kysely<Tables>,
  ctx: ActionContext,
  name: string,
  spec: ScheduleDocumentSpec,
): Promise<void> {
  const now = toIso(ctx.clock.now());
  const { team, ...engineSpec } = spec;
  const existing = await findSchedule(trx, name);
  const values = { team: team ?? null, spec_json: JSON.stringify(engineSpec), updated_at: now };
  const id = existing?.id ?? newId(ctx.clock.now());
  if (existing) await trx.updateTable("oncall_schedules").set(values).where("id", "=", id).execute();
  else
    await trx
      .insertInto("oncall_schedules")
      .values({ id, name, created_at: now, ...values })
      .execute();
  await mirrorSpecOverrides(trx, ctx, id, engineSpec);
  await recordAudit(trx, ctx, {
    action: existing ? "schedule.update" : "schedule.create",
    entityType: "schedule",
    entityId: name,
    before: existing ? specOf(existing) : undefined,
    after: spec,
  });
}

async function mirrorSpecOverrides(
  trx: Kysely<Tables>,
  ctx: ActionContext,
  scheduleId: string,
  spec: ScheduleSpec,
): Promise<void> {
  const stored = await trx
    .selectFrom("oncall_overrides")
    .selectAll()
    .where("schedule_id", "=", scheduleId)
    .where("source", "=", "spec")
    .execute();
  const key = (user: string, start: string, end: string) => `${user}\n${start}\n${end}`;
  const unmatched = new Map<string, string[]>();
  for (const r of stored) {
    const k = key(r.user_name, r.start_at, r.end_at);
    unmatched.set(k, [...(unmatched.get(k) ?? []), r.id]);
  }
  const now = ctx.clock.now();
  for (const [position, o] of spec.overrides.entries()) {
    const start = toIso(new Date(o.start));
    const end = toIso(new Date(o.end));
    const keep = unmatched.get(key(o.user, start, end))?.shift();
    if (keep) {
      await trx.updateTable("oncall_overrides").set({ position }).where("id", "=", keep).execute();
      continue;
    }
    await trx
      .insertInto("oncall_overrides")
      .values({
        id: newId(now),
        schedule_id: scheduleId,
        user_name: o.user,
        start_at: start,
        end_at: end,
        reason: "",
        source: "spec",
        position,
        created_by: actorLabel(ctx.actor),
        created_at: toIso(now),
      })
      .execute();
  }
  const gone = [...unmatched.values()].flat();
  if (gone.length > 0) await trx.deleteFrom("oncall_overrides").where("id", "in", gone).execute();
}

export async function removeSchedule(trx: Kysely<Tables>, ctx: ActionContext, name: string): Promise<void> {
  const existing = await findSchedule(trx, name);
  if (!existing) throw new NotFoundError(`no schedule named '${name}'`);
  await trx
    .deleteFrom("oncall_feed_tokens")
    .where("scope", "=", "schedule")
    .where("subject", "=", existing.id)
    .execute();
  await trx.deleteFrom("oncall_overrides").where("schedule_id", "=", existing.id).execute();
  await trx.deleteFrom("oncall_schedules").where("id", "=", existing.id).execute();
  await recordAudit(trx, ctx, {
    action: "schedule.delete",
    entityType: "schedule",
    entityId: name,
    before: specOf(existing),
  });
}

/** `POST /api/v1/schedules`: `name` plus the Schedule spec. */
export async function createSchedule(db: Database, ctx: ActionContext, body: unknown): Promise<ScheduleView> {
  const { name, ...spec } = parseInput(createScheduleBody, body);
  await db.write(async (trx) => {
    refuseUnknown(await unknownUsers(trx, spec));
    if (await findSchedule(trx, name)) throw new ConflictError(`a schedule named '${name}' exists`);
    await putSchedule(trx, ctx, name, spec);
  });
  return getSchedule(db, ctx.clock, name);
}

/** `PUT /api/v1/schedules/{name}`: replaces the whole spec; API overrides stay. */
export async function replaceSchedule(
  db: Database,
  ctx: ActionContext,
  name: string,
  body: unknown,
): Promise<ScheduleView> {
  const spec = parseInput(scheduleDocumentSpec, body);
  await db.write(async (trx) => {
    if (!(await findSchedule(trx, name))) throw new NotFoundError(`no schedule named '${name}'`);
    refuseUnknown(await unknownUsers(trx, spec));
    await putSchedule(trx, ctx, name, spec);
  });
  return getSchedule(db, ctx.clock, name);
}

export async function deleteSchedule(db: Database, ctx: ActionContext, name: string): Promise<void> {
  await db.write((trx) => removeSchedule(trx, ctx, name));
}

export async function getSchedule(db: Database, clock: Clock, name: string): Promise<ScheduleView> {
  const row = await findSchedule(db.read, name);
  if (!row) throw new NotFoundError(`no schedule named '${name}'`);
  const [view] = await presentSchedules(db.read, clock, [row]);
  if (!view) throw new NotFoundError(`no schedule named '${name}'`);
  return view;
}

export async function listSchedules(
  db: Database,
  clock: Clock,
  q: ListSchedulesQuery,
): Promise<ScheduleView[]> {
  let query = db.read.selectFrom("oncall_schedules").selectAll();
  if (q.team) query = query.where("team", "=", q.team);
  if (q.search) {
    const like = `%${q.search.toLowerCase()}%`;
    query = query.where((eb) => eb(eb.fn("lower", ["name"]), "like", like));
  }
  let rows = await query.orderBy("name").execute();
  if (q.user) {
    const user = q.user;
    const withOverrides = new Set(
      (
        await db.read
          .selectFrom("oncall_overrides")
          .select("schedule_id")
          .where("user_name", "=", user)
          .where("end_at", ">", toIso(clock.now()))
          .execute()
      ).map((r) => r.schedule_id),
    );
    rows = rows.filter(
      (r) => withOverrides.has(r.id) || userMentions(specOf(r)).some((m) => m.user === user),
    );
  }
  return presentSchedules(db.read, clock, rows);
}

async function presentSchedules(
  db: Kysely<Tables>,
  clock: Clock,
  rows: ScheduleRow[],
): Promise<ScheduleView[]> {
  const now = clock.now();
  const nowIso = toIso(now);
  const justAfter = toIso(new Date(now.getTime() + 1));
  const specs = new Map(rows.map((r) => [r.id, specOf(r)]));
  const names = [...new Set([...specs.values()].flatMap((s) => s.layers.flatMap((l) => l.participants)))];
  const display = await userDisplayNames(db, names);
  const feeds =
    rows.length === 0
      ? []
      : await db
          .selectFrom("oncall_feed_tokens")
          .select(["subject", "created_at"])
          .where("scope", "=", "schedule")
          .where(
            "subject",
            "in",
            rows.map((r) => r.id),
          )
          .execute();
  const feedAt = new Map(feeds.map((f) => [f.subject, f.created_at]));
  const out: ScheduleView[] = [];
  for (const r of rows) {
    const spec = specs.get(r.id) ?? specOf(r);
    const onCallNow = onCallAt(engineInput(r, await overridesIn(db, r.id, nowIso, justAfter)), now);
    const participants = [...new Set(spec.layers.flatMap((l) => l.participants))];
    const { team: _team, ...shown } = spec;
    out.push({
      id: r.id,
      name: r.name,
      team: r.team,
      spec: shown,
      onCallNow,
      participants: participants.map((name) => ({ name, displayName: display.get(name) ?? null })),
      feedCreatedAt: feedAt.get(r.id) ?? null,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    });
  }
  return out;
}

/** Every schedule's spec by name, for `opsdeck apply` to diff against. */
export async function allScheduleSpecs(db: Kysely<Tables>): Promise<Map<string, ScheduleDocumentSpec>> {
  const rows = await db.selectFrom("oncall_schedules").selectAll().execute();
  return new Map(rows.map((r) => [r.name, specOf(r)]));
}
