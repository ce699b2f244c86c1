import type { Kysely, Selectable } from "kysely";
import type { Clock } from "../../platform/clock.ts";
import { chunks } from "../../platform/db/chunks.ts";
import { bulkInsert } from "../../platform/db/dialect/bulk-insert.ts";
import type { Tables } from "../../platform/db/tables.ts";
import { publishEvent } from "../../platform/events/index.ts";
import type { AlertTable } from "./alerts.tables.ts";
import type { IngestUnit } from "./ingest.core.ts";

export type AlertRow = Selectable<AlertTable>;

/**
 * An open alert as a batch sees it: `changed` ones are written at the end, `isNew` ones inserted, and ones
 * whose only change is a later expiry (the steady re-posts of a firing alert) get just that column updated.
 */
export interface Open {
  row: AlertRow;
  isNew: boolean;
  changed: boolean;
  expiryChanged?: boolean;
}

/** Columns an upsert of an existing alert overwrites: what ingest may change after creation. */
const alertColumns = [
  "open_key",
  "status",
  "title",
  "description",
  "severity",
  "labels_json",
  "annotations_json",
  "links_json",
  "source_url",
  "runbook_url",
  "content_hash",
  "incident_id",
  "silence_id",
  "expires_at",
  "resolved_at",
  "updated_at",
] as const;

/** Every column, in the order a new alert is inserted: the ones fixed at creation, then the rest. */
const insertColumns = [
  "id",
  "integration_id",
  "fingerprint",
  "group_key",
  "service",
  "starts_at",
  "ends_at",
  "created_at",
  ...alertColumns,
] as const satisfies readonly (keyof AlertTable)[];
/** Fails to compile when a column of AlertTable is missing above (it would be left to its default). */
const everyColumnInserted: Exclude<keyof AlertTable, (typeof insertColumns)[number]> extends never
  ? true
  : never = true;
void everyColumnInserted;

export async function loadOpen(
  trx: Kysely<Tables>,
  keys: string[],
  lock: boolean,
): Promise<Map<string, Open>> {
  const out = new Map<string, Open>();
  for (const part of chunks([...new Set(keys)], 1000)) {
    let q = trx.selectFrom("alerts").selectAll().where("open_key", "in", part).orderBy("id");
    if (lock) q = q.forUpdate();
    for (const row of await q.execute())
      out.set(row.open_key as string, { row, isNew: false, changed: false });
  }
  return out;
}

/**
 * New alerts in one bulk insert, changed ones in one multi-row upsert per chunk (a replayed alert is in
 * neither), and those whose only change is their expiry in one narrow update per expiry instant. Kept apart
 * because most intake batches are all new alerts (the bulk insert's statement is the same whatever the batch
 * size, see platform/db/dialect/bulk-insert.ts) or re-posts of firing ones.
 */
export async function writeAlerts(trx: Kysely<Tables>, alerts: Open[]): Promise<void> {
  const inserted = alerts.filter((a) => a.isNew).map((a) => a.row);
  const updated = alerts.filter((a) => !a.isNew && a.changed).map((a) => a.row);
  const idsByExpiry = new Map<string, string[]>();
  for (const a of alerts) {
    const expiresAt = a.row.expires_at;
    if (a.isNew || a.changed || !expiresAt) continue;
    const ids = idsByExpiry.get(expiresAt) ?? [];
    ids.push(a.row.id);
    idsByExpiry.set(expiresAt, ids);
  }
  for (const [expiresAt, ids] of idsByExpiry)
    for (const part of chunks(ids, 1000))
      await trx.updateTable("alerts").set({ expires_at: expiresAt }).where("id", "in", part).execute();
  await bulkInsert(trx, { table: "alerts", columns: insertColumns, rows: inserted });
  for (const part of chunks(updated, 200))
    await trx
      .insertInto("alerts")
      .values(part)
      .onConflict((oc) =>
        oc
          .column("id")
          .doUpdateSet((eb) => Object.fromEntries(alertColumns.map((c) => [c, eb.ref(`excluded.${c}`)]))),
      )
      .execute();
}

/**
 * One event per transaction and type (`alert.firing`, `alert.resolved`, `alert.suppressed`) listing every
 * alert of the batch that changed so, with its integration. The outbox costs a dispatch job per event,
 * measured at more than the ingest itself when it was one event per alert: a batch of hundreds of alerts
 * is one outbox row instead. Subject `alerts`; `incidentIds` lets a live view of one incident pick out the
 * events that concern it.
 */
export async function publishAlertEvents(
  trx: Kysely<Tables>,
  clock: Clock,
  events: { unit: IngestUnit; open: Open; type: string }[],
  incidentOf: (id: string) => string,
) {
  const byType = new Map<string, { unit: IngestUnit; row: AlertRow }[]>();
  for (const e of events)
    byType.set(e.type, [...(byType.get(e.type) ?? []), { unit: e.unit, row: e.open.row }]);
  for (const [type, changed] of byType) {
    const alerts = changed.map(({ unit, row: r }) => ({
      id: r.id,
      integration: unit.integration.name,
      fingerprint: r.fingerprint,
      status: r.status,
      title: r.title,
      service: r.service,
      severity: r.severity,
      incidentId: r.incident_id ? incidentOf(r.incident_id) : null,
    }));
    await publishEvent(trx, clock, {
      type,
      subject: "alerts",
      payload: {
        alerts,
        incidentIds: [...new Set(alerts.flatMap((a) => (a.incidentId ? [a.incidentId] : [])))],
      },
    });
  }
}
