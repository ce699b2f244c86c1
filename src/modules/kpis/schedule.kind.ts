import { createHash } from "node:crypto";
import type { Kysely } from "kysely";
import { Temporal } from "temporal-polyfill";
import { z } from "zod";
import { recordAudit } from "../../platform/audit/index.ts";
import { type Clock, toIso } from "../../platform/clock.ts";
import type { Tables } from "../../platform/db/tables.ts";
import { enqueueJob } from "../../platform/jobs/index.ts";
import type { KindHandler } from "../../platform/manifests/kinds.ts";
import { nextRun } from "./schedule.next.ts";

export const reportJobType = "kpis.report-delivery";

const validZone = (tz: string) => {
  try {
    Temporal.Now.instant().toZonedDateTimeISO(tz);
    return true;
  } catch {
    return false;
  }
};

export const reportScheduleSpec = z
  .object({
    report: z.literal("monthly").default("monthly"),
    dayOfMonth: z.number().int().min(1).max(28).describe("day of the month (1-28, so every month has it)"),
    time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be HH:MM (24 h)"),
    timeZone: z.string().max(64).refine(validZone, "is not an IANA time zone (e.g. Europe/Berlin)"),
    to: z.array(z.email().max(320)).min(1).max(100),
    format: z.enum(["html", "md"]).default("html"),
  })
  .strict();
export type ReportScheduleSpec = z.output<typeof reportScheduleSpec>;

export const specHash = (spec: ReportScheduleSpec) =>
  createHash("sha256").update(JSON.stringify(spec)).digest("hex").slice(0, 16);

export interface DeliveryPayload {
  name: string;
  dueAt: string;
  specHash: string;
}

/**
 * Plans the schedule's next delivery as a durable job keyed by name, instant and spec: a changed spec plans
 * a new job, and the old one finds the hash changed and does nothing.
 */
export async function planNext(
  trx: Kysely<Tables>,
  clock: Clock,
  name: string,
  spec: ReportScheduleSpec,
  after: Date,
) {
  const due = nextRun(spec, after);
  const payload: DeliveryPayload = { name, dueAt: toIso(due), specHash: specHash(spec) };
  await trx
    .updateTable("kpi_report_schedules")
    .set({ next_run_at: payload.dueAt })
    .where("name", "=", name)
    .execute();
  await enqueueJob(trx, clock, {
    type: reportJobType,
    payload,
    dueAt: due,
    key: `${reportJobType}:${name}:${payload.dueAt}:${payload.specHash}`,
  });
}

/** `kind: ReportSchedule`: the monthly review, mailed on day N at HH:MM in a time zone to a list. */
export const reportScheduleKind: KindHandler<ReportScheduleSpec> = {
  apiVersion: "opsdeck.dev/v1",
  kind: "ReportSchedule",
  order: 90,
  spec: reportScheduleSpec as unknown as KindHandler<ReportScheduleSpec>["spec"],
  async current(db) {
    const rows = await db.selectFrom("kpi_report_schedules").select(["name", "spec_json"]).execute();
    return new Map(rows.map((r) => [r.name, JSON.parse(r.spec_json) as ReportScheduleSpec]));
  },
  async upsert(db, ctx, name, spec, existed) {
    const now = toIso(ctx.clock.now());
    const row = { name, spec_json: JSON.stringify(spec), next_run_at: now, updated_at: now };
    if (existed) await db.updateTable("kpi_report_schedules").set(row).where("name", "=", name).execute();
    else await db.insertInto("kpi_report_schedules").values(row).execute();
    await planNext(db, ctx.clock, name, spec, ctx.clock.now());
    await recordAudit(db, ctx, {
      action: existed ? "report-schedule.update" : "report-schedule.create",
      entityType: "report-schedule",
      entityId: name,
      after: spec,
    });
  },
  async remove(db, ctx, name) {
    await db.deleteFrom("kpi_report_schedules").where("name", "=", name).execute();
    await recordAudit(db, ctx, {
      action: "report-schedule.delete",
      entityType: "report-schedule",
      entityId: name,
    });
  },
};
