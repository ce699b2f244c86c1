import type { Kysely } from "kysely";
import { z } from "zod";
import { recordAudit } from "../../platform/audit/index.ts";
import { toIso } from "../../platform/clock.ts";
import { type ActionContext, actorLabel } from "../../platform/context.ts";
import type { Database } from "../../platform/db/database.ts";
import type { Tables } from "../../platform/db/tables.ts";
import { InputError, NotFoundError } from "../../platform/errors.ts";
import { newId } from "../../platform/ids.ts";
import { isoInstant } from "../../platform/schema-common.ts";
import { matcherList } from "./integrations.schema.ts";
import { compileMatchers, parseMatchers } from "./matchers.ts";

/** Returns the id of the silence that covers an alert's labels, or null. */
export type Silencer = (labels: Record<string, string>) => string | null;

export const createSilenceBody = z
  .object({
    matchers: matcherList,
    startsAt: isoInstant.optional(),
    endsAt: isoInstant,
    comment: z.string().trim().min(1).max(2000),
  })
  .strict();

export const silenceView = z.object({
  id: z.string(),
  matchers: z.array(z.string()),
  startsAt: z.string(),
  endsAt: z.string(),
  comment: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
  state: z.enum(["pending", "active", "expired"]),
});
export type SilenceView = z.output<typeof silenceView>;

/** Silences in force at `now`, compiled once for the whole ingest batch. */
export async function activeSilences(trx: Kysely<Tables>, now: Date): Promise<Silencer> {
  const at = toIso(now);
  const rows = await trx
    .selectFrom("alert_silences")
    .select(["id", "matchers_json"])
    .where("starts_at", "<=", at)
    .where("ends_at", ">", at)
    .orderBy("id")
    .execute();
  const tests = rows.flatMap((r) => {
    const parsed = parseMatchers(JSON.parse(r.matchers_json) as string[]);
    // An empty matcher list would silence everything; creation refuses it, and a stored one is ignored.
    return parsed.ok && parsed.value.length > 0 ? [{ id: r.id, test: compileMatchers(parsed.value) }] : [];
  });
  return (labels) => tests.find((t) => t.test(labels))?.id ?? null;
}

type Row = {
  id: string;
  matchers_json: string;
  starts_at: string;
  ends_at: string;
  comment: string;
  created_by: string;
  created_at: string;
};

function view(r: Row, now: string): SilenceView {
  return {
    id: r.id,
    matchers: JSON.parse(r.matchers_json) as string[],
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    comment: r.comment,
    createdBy: r.created_by,
    createdAt: r.created_at,
    state: r.starts_at > now ? "pending" : r.ends_at > now ? "active" : "expired",
  };
}

export async function createSilence(
  db: Database,
  ctx: ActionContext,
  input: z.output<typeof createSilenceBody>,
): Promise<SilenceView> {
  const now = ctx.clock.now();
  const startsAt = input.startsAt ? new Date(input.startsAt).toISOString() : toIso(now);
  const endsAt = new Date(input.endsAt).toISOString();
  if (input.matchers.length === 0)
    throw new InputError("a silence needs at least one matcher", [{ path: "matchers", message: "is empty" }]);
  if (endsAt <= startsAt)
    throw new InputError("endsAt must be after startsAt", [
      { path: "endsAt", message: "must be after startsAt" },
    ]);
  const row: Row = {
    id: newId(now),
    matchers_json: JSON.stringify(input.matchers),
    starts_at: startsAt,
    ends_at: endsAt,
    comment: input.comment,
    created_by: actorLabel(ctx.actor),
    created_at: toIso(now),
  };
  await db.write(async (trx) => {
    await trx.insertInto("alert_silences").values(row).execute();
    await recordAudit(trx, ctx, {
      action: "silence.create",
      entityType: "silence",
      entityId: row.id,
      after: input,
    });
  });
  return view(row, toIso(now));
}

/** Ends a silence now; it stays listed as expired. Alerts it suppressed page on their next re-send. */
export async function expireSilence(db: Database, ctx: ActionContext, id: string): Promise<SilenceView> {
  const now = toIso(ctx.clock.now());
  const row = await db.write(async (trx) => {
    const found = await trx.selectFrom("alert_silences").selectAll().where("id", "=", id).executeTakeFirst();
    if (!found) throw new NotFoundError(`no silence '${id}'`);
    // ISO instants of equal width order as text; the earlier one wins.
    const [ends = now] = [found.ends_at, now].sort();
    const [starts = ends] = [found.starts_at, ends].sort();
    await trx
      .updateTable("alert_silences")
      .set({ starts_at: starts, ends_at: ends })
      .where("id", "=", id)
      .execute();
    await recordAudit(trx, ctx, { action: "silence.expire", entityType: "silence", entityId: id });
    return { ...found, starts_at: starts, ends_at: ends };
  });
  return view(row, now);
}

export async function listSilences(
  db: Database,
  now: Date,
  state?: SilenceView["state"],
): Promise<SilenceView[]> {
  const at = toIso(now);
  let q = db.read.selectFrom("alert_silences").selectAll();
  if (state === "active") q = q.where("starts_at", "<=", at).where("ends_at", ">", at);
  if (state === "pending") q = q.where("starts_at", ">", at);
  if (state === "expired") q = q.where("ends_at", "<=", at);
  const rows = await q.orderBy("ends_at", "desc").limit(1000).execute();
  return rows.map((r) => view(r, at));
}
