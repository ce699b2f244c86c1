import { chunks } from "../../platform/db/chunks.ts";
import type { Database } from "../../platform/db/database.ts";
import { NotFoundError } from "../../platform/errors.ts";
import { serviceRunbooks } from "../catalog/index.ts";
import type { IncidentRole, IncidentStatus, Severity } from "./incident.ts";
import { type IncidentRow, resolveIncidentRef, servicesOf, timelineOf } from "./incidents.repository.ts";
import type {
  IncidentDetail,
  IncidentSummary,
  ListIncidentsQuery,
  TimelineEntry,
} from "./incidents.schema.ts";

export function summaryOf(r: IncidentRow): IncidentSummary {
  return {
    id: r.id,
    number: Number(r.number),
    title: r.title,
    status: r.status as IncidentStatus,
    severity: r.severity as Severity,
    service: r.service,
    alertCount: Number(r.alert_count),
    createdAt: r.created_at,
    acknowledgedAt: r.acknowledged_at,
    resolvedAt: r.resolved_at,
  };
}

/** Newest first. `status=open` means triggered or acknowledged; `from`/`to` bound the creation time. */
export async function listIncidents(db: Database, q: ListIncidentsQuery): Promise<IncidentSummary[]> {
  let query = db.read.selectFrom("incidents").selectAll();
  if (q.status) {
    const wanted = new Set(
      q.status.split(",").flatMap((s) => (s === "open" ? ["triggered", "acknowledged"] : [s])),
    );
    query = query.where("status", "in", [...wanted]);
  }
  if (q.service) {
    const service = q.service;
    query = query.where("id", "in", (eb) =>
      eb.selectFrom("incident_services").select("incident_id").where("service", "=", service),
    );
  }
  if (q.severity) query = query.where("severity", "in", q.severity.split(","));
  if (q.from) query = query.where("created_at", ">=", new Date(q.from).toISOString());
  if (q.to) query = query.where("created_at", "<", new Date(q.to).toISOString());
  const rows = await query
    .orderBy("created_at", "desc")
    .orderBy("number", "desc")
    .limit(q.limit)
    .offset(q.offset)
    .execute();
  return rows.map(summaryOf);
}

/** The summaries of the incidents with these ids, in one query per thousand; unknown ids are left out. */
export async function incidentSummaries(db: Database, ids: string[]): Promise<Map<string, IncidentSummary>> {
  const out = new Map<string, IncidentSummary>();
  for (const chunk of chunks([...new Set(ids)])) {
    const rows = await db.read.selectFrom("incidents").selectAll().where("id", "in", chunk).execute();
    for (const r of rows) out.set(r.id, summaryOf(r));
  }
  return out;
}

async function findRow(db: Database, ref: string): Promise<IncidentRow> {
  const id = await resolveIncidentRef(db.read, ref);
  const row = id
    ? await db.read.selectFrom("incidents").selectAll().where("id", "=", id).executeTakeFirst()
    : undefined;
  if (!row) throw new NotFoundError(`no incident '${ref}'`);
  return row;
}

/** Everything the incident page shows besides the timeline: services, roles, runbooks of services and alerts. */
export async function getIncident(db: Database, ref: string): Promise<IncidentDetail> {
  const row = await findRow(db, ref);
  const services = (await servicesOf(db.read, [row.id])).get(row.id) ?? [];
  const roles = await db.read
    .selectFrom("incident_roles")
    .selectAll()
    .where("incident_id", "=", row.id)
    .orderBy("role")
    .execute();
  const alertLinks = await db.read
    .selectFrom("incident_links")
    .selectAll()
    .where("incident_id", "=", row.id)
    .orderBy("url")
    .execute();
  const fromServices = await serviceRunbooks(db, services);
  const runbooks = [
    ...services.flatMap((s) =>
      (fromServices.get(s) ?? []).map((l) => ({
        url: l.url,
        title: l.title ?? `${s} runbook`,
        source: "service" as const,
      })),
    ),
    ...alertLinks.map((l) => ({ url: l.url, title: l.title, source: "alert" as const })),
  ];
  const merged = row.merged_into
    ? await db.read
        .selectFrom("incidents")
        .select(["id", "number"])
        .where("id", "=", row.merged_into)
        .executeTakeFirst()
    : undefined;
  return {
    ...summaryOf(row),
    summary: row.summary,
    openAlertCount: Number(row.open_alert_count),
    services,
    roles: roles.map((r) => ({ role: r.role as IncidentRole, user: r.user_name, assignedAt: r.assigned_at })),
    runbooks: runbooks.filter((l, i) => runbooks.findIndex((o) => o.url === l.url) === i),
    groupKey: row.group_key,
    mergedInto: merged ? { id: merged.id, number: Number(merged.number) } : null,
    source: row.source === "manual" ? "manual" : "alert",
    updatedAt: row.updated_at,
  };
}

/** Every alert event, state change, note, status update and notification, in the order they happened. */
export async function getTimeline(db: Database, ref: string): Promise<TimelineEntry[]> {
  const row = await findRow(db, ref);
  return (await timelineOf(db.read, row.id)).map((t) => ({
    id: t.id,
    seq: Number(t.seq),
    at: t.at,
    kind: t.kind,
    actor: t.actor,
    text: t.text,
    data: JSON.parse(t.data_json) as Record<string, unknown>,
  }));
}

/** The incident itself and those merged into it: their alerts are its alerts. */
export async function incidentFamily(db: Database, ref: string): Promise<string[]> {
  const row = await findRow(db, ref);
  const ids = [row.id];
  for (let i = 0; i < ids.length && i < 1000; i++) {
    const children = await db.read
      .selectFrom("incidents")
      .select("id")
      .where("merged_into", "=", ids[i] as string)
      .execute();
    ids.push(...children.map((c) => c.id));
  }
  return ids;
}

/** True once any incident exists (demo seeding runs only on an empty history). */
export async function hasAnyIncident(db: Database): Promise<boolean> {
  return (await db.read.selectFrom("incidents").select("id").limit(1).executeTakeFirst()) !== undefined;
}
