import { createHash } from "node:crypto";
import type { Kysely } from "kysely";
import { recordAudit } from "../../platform/audit/index.ts";
import { findUserByName } from "../../platform/auth/index.ts";
import { type Clock, toIso } from "../../platform/clock.ts";
import type { ActionContext } from "../../platform/context.ts";
import type { Database } from "../../platform/db/database.ts";
import type { Tables } from "../../platform/db/tables.ts";
import { NotAllowedError, NotFoundError } from "../../platform/errors.ts";
import { newSecret } from "../../platform/ids.ts";
import { type ICalShift, renderICalendar } from "./ical.ts";
import type { FeedView } from "./oncall.schema.ts";
import { specOf } from "./schedules.repository.ts";
import { scheduleRow, shiftsOfRow } from "./shifts.service.ts";

/**
 * Secret calendar feeds. A feed URL carries a 256-bit token, so a calendar application can subscribe
 * without signing in; only the token's SHA-256 is stored (like API tokens), the URL is shown once, and
 * regenerating it replaces the stored hash, which voids the old URL at once.
 */

const PROD_ID = "-//opsdeck//opsdeck on-call//EN";
const DAY_MS = 24 * 60 * 60 * 1000;
/** What a feed shows: recent weeks for context, half a year ahead for planning. */
const FEED_PAST_DAYS = 30;
const FEED_FUTURE_DAYS = 180;

export const FEED_PATH = "/api/v1/calendars/";

function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

async function issue(
  trx: Kysely<Tables>,
  ctx: ActionContext,
  baseUrl: string,
  scope: "schedule" | "user",
  subjectId: string,
): Promise<FeedView> {
  const token = newSecret("odc_");
  const createdAt = toIso(ctx.clock.now());
  await trx
    .deleteFrom("oncall_feed_tokens")
    .where("scope", "=", scope)
    .where("subject", "=", subjectId)
    .execute();
  await trx
    .insertInto("oncall_feed_tokens")
    .values({ token_hash: hashToken(token), scope, subject: subjectId, created_at: createdAt })
    .execute();
  return { url: `${baseUrl.replace(/\/+$/, "")}${FEED_PATH}${token}.ics`, createdAt };
}

/** A new secret URL for a schedule's feed; the previous one stops working. */
export async function regenerateScheduleFeed(
  db: Database,
  ctx: ActionContext,
  baseUrl: string,
  scheduleName: string,
): Promise<FeedView> {
  return db.write(async (trx) => {
    const schedule = await scheduleRow(trx, scheduleName);
    const feed = await issue(trx, ctx, baseUrl, "schedule", schedule.id);
    await recordAudit(trx, ctx, {
      action: "schedule.feed.regenerate",
      entityType: "schedule",
      entityId: scheduleName,
    });
    return feed;
  });
}

/** A new secret URL for the calling user's own feed (their shifts in every schedule). */
export async function regenerateUserFeed(
  db: Database,
  ctx: ActionContext,
  baseUrl: string,
): Promise<FeedView> {
  if (ctx.actor.type !== "user")
    throw new NotAllowedError("only a signed-in user has a personal calendar feed");
  const { name } = ctx.actor;
  return db.write(async (trx) => {
    const feed = await issue(trx, ctx, baseUrl, "user", name);
    await recordAudit(trx, ctx, { action: "oncall.feed.regenerate", entityType: "user", entityId: name });
    return feed;
  });
}

/** The iCalendar text behind a feed token; NotFoundError for a token that is unknown or was replaced. */
export async function renderFeed(db: Database, clock: Clock, token: string): Promise<string> {
  const row = await db.read
    .selectFrom("oncall_feed_tokens")
    .selectAll()
    .where("token_hash", "=", hashToken(token))
    .executeTakeFirst();
  const unknown = new NotFoundError("no calendar at this address (the link may have been regenerated)");
  if (!row) throw unknown;
  const now = clock.now();
  const from = new Date(now.getTime() - FEED_PAST_DAYS * DAY_MS);
  const to = new Date(now.getTime() + FEED_FUTURE_DAYS * DAY_MS);
  if (row.scope === "schedule") {
    const schedule = await db.read
      .selectFrom("oncall_schedules")
      .selectAll()
      .where("id", "=", row.subject)
      .executeTakeFirst();
    if (!schedule) throw unknown;
    const shifts = await shiftsOfRow(db, schedule, from, to);
    return renderICalendar({
      name: `On call: ${schedule.name}`,
      shifts: shifts.map((s) => ({ ...s, schedule: schedule.name })),
      prodId: PROD_ID,
      now,
    });
  }
  const user = await findUserByName(db.read, row.subject);
  if (!user || user.disabled === 1) throw unknown;
  return renderICalendar({
    name: `On call: ${user.display_name}`,
    shifts: await userShifts(db, user.name, from, to),
    prodId: PROD_ID,
    now,
  });
}

/** One user's shifts in every schedule that names them (layers or overrides), by start. */
async function userShifts(db: Database, user: string, from: Date, to: Date): Promise<ICalShift[]> {
  const withOverrides = await db.read
    .selectFrom("oncall_overrides")
    .select("schedule_id")
    .where("user_name", "=", user)
    .where("end_at", ">", toIso(from))
    .where("start_at", "<", toIso(to))
    .execute();
  const ids = new Set(withOverrides.map((r) => r.schedule_id));
  const schedules = (
    await db.read.selectFrom("oncall_schedules").selectAll().orderBy("name").execute()
  ).filter((s) => ids.has(s.id) || specOf(s).layers.some((l) => l.participants.includes(user)));
  const out: ICalShift[] = [];
  for (const schedule of schedules) {
    for (const s of await shiftsOfRow(db, schedule, from, to)) {
      if (s.user === user) out.push({ ...s, schedule: schedule.name });
    }
  }
  return out.sort((a, b) => a.start.getTime() - b.start.getTime());
}
