import { z } from "zod";
import { recordAudit } from "../../platform/audit/index.ts";
import type { ActionContext } from "../../platform/context.ts";
import type { Database } from "../../platform/db/database.ts";
import { ConflictError, type FieldIssue, InputError, NotFoundError } from "../../platform/errors.ts";
import { isoInstant } from "../../platform/schema-common.ts";
import { storeForSlo } from "./events.repository.ts";
import { findSlo } from "./slo.repository.ts";
import { minuteFloor } from "./windows.ts";

export const maxEventsPerPush = 10_000;
/** Pushed minutes may be at most this old: older minute blocks are pruned (ADR 10). */
export const pushHorizonMs = 24 * 3_600_000;

export const pushBody = z
  .object({
    events: z
      .array(
        z
          .object({
            start: isoInstant,
            good: z.number().int("must be a whole number").min(0, "must not be negative"),
            total: z.number().int("must be a whole number").min(0, "must not be negative"),
          })
          .strict(),
      )
      .min(1, "give at least one event")
      .max(maxEventsPerPush, `at most ${maxEventsPerPush} events per request`),
  })
  .strict();
export type PushBody = z.output<typeof pushBody>;

/** Why a minute cannot be stored after `previous` (the last accepted one), or null. */
function startProblem(ms: number, start: string, nowMs: number, previous: number, lastPushed: string | null) {
  const current = minuteFloor(nowMs);
  if (ms % 60_000 !== 0) return "must be the start of a minute (seconds 00.000)";
  if (ms > current) return `${start} is in the future (now ${new Date(nowMs).toISOString()})`;
  if (ms < current - pushHorizonMs) return `${start} is older than 24 hours: push minutes as they end`;
  if (ms > previous) return null;
  return lastPushed && ms <= Date.parse(lastPushed)
    ? `out of order: minutes up to ${lastPushed} were already pushed`
    : "out of order: minutes must be ascending, each once";
}

/** The rules zod cannot see alone: minutes, order, the future, good <= total. Every issue names its index. */
function checkEvents(body: PushBody, nowMs: number, lastPushed: string | null): FieldIssue[] {
  const issues: FieldIssue[] = [];
  let previous = lastPushed ? Date.parse(lastPushed) : Number.NEGATIVE_INFINITY;
  for (const [i, e] of body.events.entries()) {
    if (e.good > e.total)
      issues.push({ path: `events[${i}].good`, message: `good (${e.good}) is more than total (${e.total})` });
    const ms = Date.parse(e.start);
    const problem = startProblem(ms, e.start, nowMs, previous, lastPushed);
    if (problem) issues.push({ path: `events[${i}].start`, message: problem });
    else previous = ms;
  }
  return issues;
}

/** Stores pushed minute counts of an events-based SLO: all of them or none. */
export async function pushEvents(
  db: Database,
  ctx: ActionContext,
  name: string,
  body: PushBody,
): Promise<{ accepted: number }> {
  return db.write(async (trx) => {
    const slo = await findSlo(trx, name);
    if (!slo) throw new NotFoundError(`no SLO named '${name}'`);
    if (slo.def.indicator.kind !== "events")
      throw new ConflictError(
        `SLO '${name}' reads ${slo.def.indicator.kind}; only SLOs with indicator events accept pushes`,
      );
    const issues = checkEvents(body, ctx.clock.now().getTime(), slo.lastPushedMinute);
    if (issues.length > 0)
      throw new InputError(
        `nothing was stored: ${issues
          .slice(0, 5)
          .map((i) => `${i.path}: ${i.message}`)
          .join("; ")}`,
        issues,
      );
    const rows = body.events.map((e) => ({
      minute: new Date(e.start).toISOString(),
      good: e.good,
      total: e.total,
    }));
    await storeForSlo(trx, slo.id, slo.def, rows);
    const last = rows.at(-1)?.minute ?? null;
    await trx.updateTable("slos").set({ last_pushed_minute: last }).where("id", "=", slo.id).execute();
    await recordAudit(trx, ctx, {
      action: "slo.events.push",
      entityType: "slo",
      entityId: name,
      after: { count: rows.length, first: rows[0]?.minute, last },
    });
    return { accepted: rows.length };
  });
}
