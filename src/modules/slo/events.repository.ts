import type { Kysely } from "kysely";
import { chunks } from "../../platform/db/chunks.ts";
import type { Tables } from "../../platform/db/tables.ts";
import { NotFoundError } from "../../platform/errors.ts";
import {
  type DayHours,
  dayKey,
  emptyBlock,
  hourMs,
  hourOf,
  minuteMs,
  parseBlock,
  parseHours,
  type SliceRule,
  sumDay,
  summarize,
} from "./buckets.ts";
import { exclusionIntervals, isExcluded } from "./exclusions.ts";
import type { SloDefinition } from "./model.ts";

export interface MinuteCounts {
  /** ISO minute, e.g. 2026-11-22T10:05:00.000Z. */
  minute: string;
  good: number;
  total: number;
}

export const sliceRuleOf = (def: SloDefinition): SliceRule =>
  def.budgetingMethod === "Occurrences"
    ? { target: 0, minutes: 1 }
    : {
        target: def.timesliceTarget ?? 1,
        minutes: def.timesliceMinutes ?? 1,
        ratio: def.budgetingMethod === "RatioTimeslices",
      };

/**
 * Saves minute counts of one SLO (pushed events or what the Prometheus source read): an idempotent upsert
 * per SLO and minute, so a source may write the same minute again with corrected numbers. Minutes inside
 * a maintenance window of the SLO are kept but marked excluded. A minute whose hour block was already
 * pruned (older than the minute retention, ADR 10) is final and skipped, because its old value is gone.
 */
export async function storeMinuteCounts(
  trx: Kysely<Tables>,
  sloName: string,
  rows: MinuteCounts[],
): Promise<void> {
  if (rows.length === 0) return;
  const slo = await trx
    .selectFrom("slos")
    .select(["id", "spec_json"])
    .where("name", "=", sloName)
    .executeTakeFirst();
  if (!slo) throw new NotFoundError(`no SLO named '${sloName}'`);
  await storeForSlo(trx, slo.id, JSON.parse(slo.spec_json) as SloDefinition, rows);
}

export async function storeForSlo(
  trx: Kysely<Tables>,
  sloId: string,
  def: SloDefinition,
  rows: MinuteCounts[],
): Promise<void> {
  await storeMany(trx, [{ sloId, def, rows }]);
}

export interface SloMinutes {
  sloId: string;
  def: SloDefinition;
  rows: MinuteCounts[];
}

/**
 * The write path for one or many SLOs in a few statements: lock the SLOs, read the touched blocks and
 * day rows, patch them in memory, upsert them back. A no-op update takes the SLOs' row locks (ordered
 * by id, so two writers cannot deadlock) on PostgreSQL; SQLite has one writer anyway.
 */
export async function storeMany(trx: Kysely<Tables>, items: SloMinutes[]): Promise<void> {
  const work = items.filter((i) => i.rows.length > 0).sort((a, b) => a.sloId.localeCompare(b.sloId));
  for (const part of chunks(work, 200)) {
    const ids = [...new Set(part.map((p) => p.sloId))];
    await trx
      .updateTable("slos")
      .set((eb) => ({ name: eb.ref("name") }))
      .where("id", "in", ids)
      .execute();
    const hourKeys = new Set<string>();
    const dayKeys = new Set<string>();
    for (const p of part)
      for (const r of p.rows) {
        const hour = hourOf(Date.parse(r.minute));
        hourKeys.add(new Date(hour).toISOString());
        dayKeys.add(dayKey(hour));
      }
    const blocks = new Map<string, string>();
    for (const b of await trx
      .selectFrom("slo_minute_blocks")
      .select(["slo_id", "hour", "minutes_json"])
      .where("slo_id", "in", ids)
      .where("hour", "in", [...hourKeys])
      .execute())
      blocks.set(`${b.slo_id}|${b.hour}`, b.minutes_json);
    const days = new Map<string, string>();
    for (const d of await trx
      .selectFrom("slo_days")
      .select(["slo_id", "day", "hours_json"])
      .where("slo_id", "in", ids)
      .where("day", "in", [...dayKeys])
      .execute())
      days.set(`${d.slo_id}|${d.day}`, d.hours_json);
    const blockOut = new Map<string, { slo_id: string; hour: string; minutes_json: string }>();
    const dayOut = new Map<string, { slo_id: string; day: string; hours: DayHours }>();
    for (const p of part) patchSlo(p, blocks, days, blockOut, dayOut);
    for (const rowsOut of chunks([...blockOut.values()], 300))
      await trx
        .insertInto("slo_minute_blocks")
        .values(rowsOut)
        .onConflict((oc) =>
          oc
            .columns(["slo_id", "hour"])
            .doUpdateSet((eb) => ({ minutes_json: eb.ref("excluded.minutes_json") })),
        )
        .execute();
    const dayRows = [...dayOut.values()].map(({ slo_id, day, hours }) => {
      const sums = sumDay(hours);
      const values = {
        good: sums.good,
        total: sums.total,
        good_slices: sums.goodSlices,
        slices: sums.slices,
      };
      return { slo_id, day, ...values, hours_json: JSON.stringify(hours) };
    });
    for (const rowsOut of chunks(dayRows, 200))
      await trx
        .insertInto("slo_days")
        .values(rowsOut)
        .onConflict((oc) =>
          oc.columns(["slo_id", "day"]).doUpdateSet((eb) => ({
            good: eb.ref("excluded.good"),
            total: eb.ref("excluded.total"),
            good_slices: eb.ref("excluded.good_slices"),
            slices: eb.ref("excluded.slices"),
            hours_json: eb.ref("excluded.hours_json"),
          })),
        )
        .execute();
  }
}

/** Applies one SLO's minutes to the blocks and day rows read (or already patched in this batch). */
function patchSlo(
  p: SloMinutes,
  blocks: Map<string, string>,
  days: Map<string, string>,
  blockOut: Map<string, { slo_id: string; hour: string; minutes_json: string }>,
  dayOut: Map<string, { slo_id: string; day: string; hours: DayHours }>,
) {
  const byHour = new Map<number, MinuteCounts[]>();
  for (const r of p.rows) {
    const hour = hourOf(Date.parse(r.minute));
    byHour.set(hour, [...(byHour.get(hour) ?? []), r]);
  }
  const hours = [...byHour.keys()].sort((a, b) => a - b);
  const intervals = exclusionIntervals(p.def.exclusions, hours[0] ?? 0, (hours.at(-1) ?? 0) + hourMs);
  const rule = sliceRuleOf(p.def);
  for (const hour of hours) {
    const hourIso = new Date(hour).toISOString();
    const dayId = `${p.sloId}|${dayKey(hour)}`;
    const day = dayOut.get(dayId) ?? {
      slo_id: p.sloId,
      day: dayKey(hour),
      hours: parseHours(days.get(dayId) ?? "[]"),
    };
    const hourIndex = new Date(hour).getUTCHours();
    const blockId = `${p.sloId}|${hourIso}`;
    const stored = blockOut.get(blockId)?.minutes_json ?? blocks.get(blockId);
    // No block but a summary: the block was pruned, the hour is final (see storeMinuteCounts).
    if (stored === undefined && day.hours[hourIndex]) continue;
    const block = stored === undefined ? emptyBlock() : parseBlock(stored);
    for (const r of byHour.get(hour) ?? []) {
      const ms = Date.parse(r.minute);
      block[Math.floor((ms - hour) / minuteMs)] = isExcluded(intervals, ms)
        ? [r.good, r.total, 1]
        : [r.good, r.total];
    }
    blockOut.set(blockId, { slo_id: p.sloId, hour: hourIso, minutes_json: JSON.stringify(block) });
    day.hours[hourIndex] = summarize(block, rule);
    dayOut.set(dayId, day);
  }
}
