import type { Kysely, Selectable } from "kysely";
import { chunks } from "../../platform/db/chunks.ts";
import type { Tables } from "../../platform/db/tables.ts";
import type {
  IncidentLinkTable,
  IncidentServiceTable,
  IncidentTable,
  IncidentTimelineTable,
} from "./incidents.tables.ts";

export type IncidentRow = Selectable<IncidentTable>;
export type TimelineRow = Selectable<IncidentTimelineTable>;

/**
 * Incidents by id or by open group key. With `lock` (PostgreSQL) the rows are locked until commit, so two
 * instances changing one incident's counters queue instead of losing an update. Rows come back in id order,
 * the order the locks are taken in, which keeps two batches from deadlocking on each other.
 */
export async function loadIncidentRows(
  trx: Kysely<Tables>,
  lock: boolean,
  by: { ids?: string[]; openGroupKeys?: string[] },
): Promise<IncidentRow[]> {
  const out: IncidentRow[] = [];
  const run = async (column: "id" | "open_group_key", values: string[]) => {
    for (const chunk of chunks([...new Set(values)])) {
      let q = trx.selectFrom("incidents").selectAll().where(column, "in", chunk).orderBy("id");
      if (lock) q = q.forUpdate();
      out.push(...(await q.execute()));
    }
  };
  if (by.ids?.length) await run("id", by.ids);
  if (by.openGroupKeys?.length) await run("open_group_key", by.openGroupKeys);
  return out;
}

/** Takes `count` incident numbers from the per-instance sequence, in the caller's transaction. */
export async function takeNumbers(trx: Kysely<Tables>, count: number): Promise<number[]> {
  const row = await trx
    .updateTable("incident_counters")
    .set((eb) => ({ value: eb("value", "+", count) }))
    .where("name", "=", "incident")
    .returning("value")
    .executeTakeFirstOrThrow();
  const last = Number(row.value);
  return Array.from({ length: count }, (_, i) => last - count + 1 + i);
}

/** The id of an incident named by id or by number (`42` or `#42`). */
export async function resolveIncidentRef(db: Kysely<Tables>, ref: string): Promise<string | undefined> {
  const n = /^#?(\d{1,9})$/.exec(ref);
  const row = n
    ? await db.selectFrom("incidents").select("id").where("number", "=", Number(n[1])).executeTakeFirst()
    : await db.selectFrom("incidents").select("id").where("id", "=", ref).executeTakeFirst();
  return row?.id;
}

export async function servicesOf(db: Kysely<Tables>, ids: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const chunk of chunks(ids)) {
    const rows = await db
      .selectFrom("incident_services")
      .selectAll()
      .where("incident_id", "in", chunk)
      .orderBy("service")
      .execute();
    for (const r of rows) out.set(r.incident_id, [...(out.get(r.incident_id) ?? []), r.service]);
  }
  return out;
}

/** Whether incidents of these services resolve by themselves when their last alert resolves (default yes). */
export async function autoResolveOf(db: Kysely<Tables>, services: string[]): Promise<Map<string, boolean>> {
  const out = new Map<string, boolean>();
  for (const chunk of chunks([...new Set(services)])) {
    const rows = await db
      .selectFrom("incident_policies")
      .select(["service", "auto_resolve"])
      .where("service", "in", chunk)
      .execute();
    for (const r of rows) out.set(r.service, Number(r.auto_resolve) === 1);
  }
  return out;
}

export function timelineOf(db: Kysely<Tables>, incidentId: string): Promise<TimelineRow[]> {
  return db
    .selectFrom("incident_timeline")
    .selectAll()
    .where("incident_id", "=", incidentId)
    .orderBy("seq")
    .execute();
}

/** Columns an upsert of an existing incident overwrites (never its id, number or creation time). */
const mutable = [
  "title",
  "summary",
  "severity",
  "status",
  "service",
  "group_key",
  "open_group_key",
  "alert_count",
  "open_alert_count",
  "timeline_seq",
  "merged_into",
  "acknowledged_at",
  "resolved_at",
  "updated_at",
] as const;

/** New and changed incidents in one multi-row upsert per chunk: one statement, not one per incident. */
export async function writeIncidents(trx: Kysely<Tables>, rows: IncidentRow[]): Promise<void> {
  for (const chunk of chunks(rows, 200))
    await trx
      .insertInto("incidents")
      .values(chunk)
      .onConflict((oc) =>
        oc
          .column("id")
          .doUpdateSet((eb) => Object.fromEntries(mutable.map((c) => [c, eb.ref(`excluded.${c}`)]))),
      )
      .execute();
}

/** Rows whose primary key may exist already (a service or link added twice): the first one stays. */
export async function insertIgnoring(
  trx: Kysely<Tables>,
  table: "incident_services" | "incident_links",
  rows: (IncidentServiceTable | IncidentLinkTable)[],
): Promise<void> {
  for (const chunk of chunks(rows, 500))
    await trx
      .insertInto(table)
      .values(chunk as never)
      .onConflict((oc) => oc.doNothing())
      .execute();
}
