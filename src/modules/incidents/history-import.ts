import type { Kysely } from "kysely";
import { recordAudit } from "../../platform/audit/index.ts";
import { toIso } from "../../platform/clock.ts";
import { type ActionContext, actorLabel } from "../../platform/context.ts";
import { chunks } from "../../platform/db/chunks.ts";
import type { Database } from "../../platform/db/database.ts";
import type { Tables } from "../../platform/db/tables.ts";
import { InputError } from "../../platform/errors.ts";
import { newId } from "../../platform/ids.ts";
import { allEntities } from "../catalog/index.ts";
import { type HistoryRow, readHistory } from "./history-import.rows.ts";
import { type IncidentRow, takeNumbers } from "./incidents.repository.ts";

/** Marks imported incidents: lists show it, KPIs count them, and nothing ever pages for them. */
export const importedSource = "import";

/** True once any incident history was imported (the demo imports its own only once). */
export async function hasImportedHistory(db: Database): Promise<boolean> {
  const row = await db.read
    .selectFrom("incidents")
    .select("id")
    .where("source", "=", importedSource)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export interface ImportResult {
  imported: number;
  /** Rows left out: already imported, or repeated in the file (same service, title and trigger instant). */
  skipped: number;
  numbers: { first: number; last: number } | null;
}

const identity = (r: { service: string | null; title: string; triggeredAt: string }) =>
  `${r.service}\n${r.title}\n${r.triggeredAt}`;

/**
 * The rows an earlier import already brought in, by service, title and trigger instant: running the same
 * export again (or an overlapping one) must not double the history the KPIs count.
 */
async function alreadyImported(trx: Kysely<Tables>, rows: HistoryRow[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (const part of chunks([...new Set(rows.map((r) => r.triggeredAt))], 500)) {
    const existing = await trx
      .selectFrom("incidents")
      .select(["service", "title", "created_at"])
      .where("source", "=", importedSource)
      .where("created_at", "in", part)
      .execute();
    for (const e of existing) found.add(identity({ ...e, triggeredAt: e.created_at }));
  }
  return found;
}

/** Catalog services by lower-cased name (the catalog's own rule for names), read through its index. */
async function catalogServices(db: Database): Promise<Map<string, string>> {
  return new Map((await allEntities(db, "service")).map((s) => [s.name.toLowerCase(), s.name]));
}

function statusOf(r: HistoryRow): string {
  return r.resolvedAt ? "resolved" : r.acknowledgedAt ? "acknowledged" : "triggered";
}

/**
 * Imports incident history (Opsgenie, PagerDuty…) all-or-nothing: every row is checked first and any problem
 * refuses the whole file with each row's errors. Imported incidents are real, numbered incidents whose
 * timeline entries carry their historical instants; they are written directly rather than through
 * IncidentWork because that stamps "now" and publishes `incident.triggered`, which starts escalation and
 * pages people. Here no domain event is published at all (docs/adr/0015).
 */
export async function importIncidentHistory(
  db: Database,
  ctx: ActionContext,
  csv: string,
  file = "request body",
): Promise<ImportResult> {
  const now = ctx.clock.now();
  const { rows: parsed, issues } = readHistory(csv, await catalogServices(db), now);
  if (issues.length > 0) {
    const shown = issues.slice(0, 100).map((i) => ({ ...i, file }));
    const more = issues.length > 100 ? ` (first 100 of ${issues.length} shown)` : "";
    throw new InputError(`${file}: ${issues.length} problem(s), nothing was imported${more}`, shown);
  }
  const actor = actorLabel(ctx.actor);
  return db.write(async (trx) => {
    // A row repeated within the file is left out like one imported before: the first one counts.
    const seen = await alreadyImported(trx, parsed);
    const rows: HistoryRow[] = [];
    for (const r of parsed) {
      const key = identity(r);
      if (seen.has(key)) continue;
      seen.add(key);
      rows.push(r);
    }
    const numbers = await takeNumbers(trx, rows.length);
    const stamp = toIso(now);
    const incidents: IncidentRow[] = [];
    const services: { incident_id: string; service: string }[] = [];
    const timeline: {
      id: string;
      incident_id: string;
      seq: number;
      at: string;
      kind: string;
      actor: string;
      text: string;
      data_json: string;
    }[] = [];
    rows.forEach((r, i) => {
      const id = newId(new Date(r.triggeredAt));
      const steps: [string, string, string][] = [
        [r.triggeredAt, "incident.triggered", `Incident opened (${r.severity}): ${r.title} (imported)`],
      ];
      if (r.acknowledgedAt)
        steps.push([r.acknowledgedAt, "incident.acknowledged", "Acknowledged (imported)"]);
      if (r.resolvedAt) steps.push([r.resolvedAt, "incident.resolved", "Resolved (imported)"]);
      steps.forEach(([at, kind, text], seq) => {
        const data = { imported: true, by: actor, row: r.row };
        timeline.push({
          id: newId(new Date(at)),
          incident_id: id,
          seq: seq + 1,
          at,
          kind,
          actor,
          text,
          data_json: JSON.stringify(data),
        });
      });
      incidents.push({
        id,
        number: numbers[i] ?? 0,
        title: r.title,
        summary: "",
        severity: r.severity,
        status: statusOf(r),
        service: r.service,
        group_key: null,
        open_group_key: null,
        alert_count: 0,
        open_alert_count: 0,
        timeline_seq: steps.length,
        merged_into: null,
        source: importedSource,
        created_at: r.triggeredAt,
        acknowledged_at: r.acknowledgedAt,
        resolved_at: r.resolvedAt,
        updated_at: stamp,
      });
      services.push({ incident_id: id, service: r.service });
    });
    for (const chunk of chunks(incidents, 500)) await trx.insertInto("incidents").values(chunk).execute();
    for (const chunk of chunks(services, 1000))
      await trx.insertInto("incident_services").values(chunk).execute();
    for (const chunk of chunks(timeline, 500))
      await trx.insertInto("incident_timeline").values(chunk).execute();
    const range = numbers.length > 0 ? { first: numbers[0] as number, last: numbers.at(-1) as number } : null;
    await recordAudit(trx, ctx, {
      action: "incident.import",
      entityType: "incident",
      entityId: range ? `#${range.first}-#${range.last}` : "-",
      after: { file, imported: rows.length, skipped: parsed.length - rows.length, numbers: range },
    });
    return { imported: rows.length, skipped: parsed.length - rows.length, numbers: range };
  });
}
