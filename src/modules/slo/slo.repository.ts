import type { Kysely } from "kysely";
import { chunks } from "../../platform/db/chunks.ts";
import type { Tables } from "../../platform/db/tables.ts";
import type { StoredCounts, StoredDay } from "./aggregate.ts";
import { dayKey, parseBlock } from "./buckets.ts";
import type { SloDefinition } from "./model.ts";

export interface SloRow {
  id: string;
  name: string;
  service: string;
  source: string;
  def: SloDefinition;
  lastPushedMinute: string | null;
  pageSince: string | null;
  ticketSince: string | null;
}

type Row = Tables["slos"];
const toSlo = (r: Row): SloRow => ({
  id: r.id,
  name: r.name,
  service: r.service,
  source: r.source,
  def: JSON.parse(r.spec_json) as SloDefinition,
  lastPushedMinute: r.last_pushed_minute,
  pageSince: r.page_since,
  ticketSince: r.ticket_since,
});

export async function findSlo(db: Kysely<Tables>, name: string): Promise<SloRow | undefined> {
  const row = await db.selectFrom("slos").selectAll().where("name", "=", name).executeTakeFirst();
  return row ? toSlo(row) : undefined;
}

export async function allSlos(db: Kysely<Tables>, service?: string): Promise<SloRow[]> {
  let q = db.selectFrom("slos").selectAll().orderBy("name");
  // Catalog names are case-insensitive (docs/catalog.md): so is this filter.
  if (service) q = q.where((eb) => eb(eb.fn("lower", ["service"]), "=", service.toLowerCase()));
  return (await q.execute()).map(toSlo);
}

/** Which stored rows a computation needs: day sums in a range, hour detail of some days, some blocks. */
export interface CountsNeed {
  fromMs: number;
  toMs: number;
  /** Days whose hour summaries are read (the partial days at window edges), or all days in the range. */
  hourDays: string[] | "all";
  /** Hour starts whose minute blocks are read, or every block in the range. */
  blockHours: number[] | "all";
}

/** Stored counts of several SLOs at once (one query per table per 500 SLOs). */
export async function loadCounts(
  db: Kysely<Tables>,
  sloIds: string[],
  need: CountsNeed,
): Promise<Map<string, StoredCounts>> {
  const out = new Map<string, StoredCounts>(sloIds.map((id) => [id, { days: new Map(), blocks: new Map() }]));
  const fromDay = dayKey(need.fromMs);
  const toDay = dayKey(need.toMs);
  for (const ids of chunks(sloIds, 500)) {
    const days = await db
      .selectFrom("slo_days")
      .select(["slo_id", "day", "good", "total", "good_slices", "slices"])
      .where("slo_id", "in", ids)
      .where("day", ">=", fromDay)
      .where("day", "<=", toDay)
      .execute();
    for (const d of days) {
      const day: StoredDay = {
        sums: {
          good: Number(d.good),
          total: Number(d.total),
          goodSlices: Number(d.good_slices),
          slices: Number(d.slices),
          minutes: 0,
        },
        hoursJson: "[]",
      };
      out.get(d.slo_id)?.days.set(d.day, day);
    }
    let hoursQuery = db
      .selectFrom("slo_days")
      .select(["slo_id", "day", "hours_json"])
      .where("slo_id", "in", ids)
      .where("day", ">=", fromDay)
      .where("day", "<=", toDay);
    if (need.hourDays !== "all") hoursQuery = hoursQuery.where("day", "in", [...need.hourDays, ""]);
    for (const h of await hoursQuery.execute()) {
      const day = out.get(h.slo_id)?.days.get(h.day);
      if (day) day.hoursJson = h.hours_json;
    }
    let blocksQuery = db
      .selectFrom("slo_minute_blocks")
      .select(["slo_id", "hour", "minutes_json"])
      .where("slo_id", "in", ids);
    blocksQuery =
      need.blockHours === "all"
        ? blocksQuery
            .where("hour", ">=", new Date(Math.floor(need.fromMs / 3_600_000) * 3_600_000).toISOString())
            .where("hour", "<", new Date(need.toMs).toISOString())
        : blocksQuery.where("hour", "in", [...need.blockHours.map((h) => new Date(h).toISOString()), ""]);
    for (const b of await blocksQuery.execute()) {
      out.get(b.slo_id)?.blocks.set(Date.parse(b.hour), parseBlock(b.minutes_json));
    }
  }
  return out;
}
