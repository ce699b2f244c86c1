import { z } from "zod";
import type { Database } from "../../platform/db/database.ts";
import { entityName } from "../../platform/schema-common.ts";
import { incidentFamily, severities } from "../incidents/index.ts";
import { alertStatuses } from "./alert.ts";
import { compileMatchers, parseMatchers } from "./matchers.ts";

export const alertView = z.object({
  id: z.string(),
  integration: z.string().nullable(),
  fingerprint: z.string(),
  status: z.enum(alertStatuses),
  title: z.string(),
  description: z.string(),
  severity: z.string(),
  service: z.string(),
  labels: z.record(z.string(), z.string()),
  annotations: z.record(z.string(), z.string()),
  links: z.array(z.object({ url: z.string(), title: z.string() })),
  sourceUrl: z.string().nullable(),
  runbookUrl: z.string().nullable(),
  incidentId: z.string().nullable(),
  silenceId: z.string().nullable(),
  startsAt: z.string(),
  resolvedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type AlertView = z.output<typeof alertView>;

/** Label filters scan at most this many of the newest alerts the other filters select (then say so). */
export const labelFilterScanLimit = 10_000;

/** `match` takes Alertmanager matchers (`env="prod"`, `alertname=~"Disk.*"`, or a `{...}` set), repeatable. */
const matchParam = z
  .union([z.string().max(4000), z.array(z.string().max(4000)).max(20)])
  .transform((input, ctx) => {
    const parsed = parseMatchers(input);
    if (!parsed.ok) {
      ctx.addIssue({ code: "custom", message: parsed.message });
      return z.NEVER;
    }
    return compileMatchers(parsed.value);
  });

export const listAlertsQuery = z
  .object({
    status: z.enum(alertStatuses).optional(),
    service: entityName.optional(),
    integration: entityName.optional(),
    severity: z.enum(severities).optional(),
    match: matchParam.optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(100),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();

export const alertPage = z.object({
  items: z.array(alertView),
  /** Alerts matching the filters, before limit and offset. */
  total: z.number(),
  /** True when label matchers only looked at the newest `labelFilterScanLimit` alerts. */
  totalIsLowerBound: z.boolean(),
});

function base(db: Database) {
  return db.read
    .selectFrom("alerts as a")
    .leftJoin("alert_integrations as i", "i.id", "a.integration_id")
    .selectAll("a")
    .select("i.name as integration_name");
}

type Row = Awaited<ReturnType<ReturnType<typeof base>["execute"]>>[number];

function present(r: Row): AlertView {
  return {
    id: r.id,
    integration: r.integration_name,
    fingerprint: r.fingerprint,
    status: r.status as AlertView["status"],
    title: r.title,
    description: r.description,
    severity: r.severity,
    service: r.service,
    labels: JSON.parse(r.labels_json),
    annotations: JSON.parse(r.annotations_json),
    links: JSON.parse(r.links_json),
    sourceUrl: r.source_url,
    runbookUrl: r.runbook_url,
    incidentId: r.incident_id,
    silenceId: r.silence_id,
    startsAt: r.starts_at,
    resolvedAt: r.resolved_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/**
 * Newest first, filtered by state, service, integration and severity in SQL; label matchers run here, over
 * the newest `labelFilterScanLimit` rows the SQL filters select (labels are JSON text on both engines, and
 * regex matchers have no portable SQL form).
 */
export async function listAlerts(
  db: Database,
  q: z.output<typeof listAlertsQuery>,
): Promise<z.output<typeof alertPage>> {
  let query = base(db);
  if (q.status) query = query.where("a.status", "=", q.status);
  if (q.service) query = query.where("a.service", "=", q.service);
  if (q.integration) query = query.where("i.name", "=", q.integration);
  if (q.severity) query = query.where("a.severity", "=", q.severity);
  const newestFirst = query.orderBy("a.created_at", "desc").orderBy("a.id", "desc");
  if (q.match) {
    const test = q.match;
    const scanned = await newestFirst.limit(labelFilterScanLimit).execute();
    const matched = scanned.filter((r) => test(JSON.parse(r.labels_json)));
    return {
      items: matched.slice(q.offset, q.offset + q.limit).map(present),
      total: matched.length,
      totalIsLowerBound: scanned.length === labelFilterScanLimit,
    };
  }
  const [rows, count] = await Promise.all([
    newestFirst.limit(q.limit).offset(q.offset).execute(),
    query
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(present), total: Number(count.n), totalIsLowerBound: false };
}

/** The alerts of an incident, including those of incidents merged into it, oldest first. */
export async function alertsOfIncident(db: Database, ref: string): Promise<AlertView[]> {
  const ids = await incidentFamily(db, ref);
  const rows = await base(db)
    .where("a.incident_id", "in", ids)
    .orderBy("a.created_at")
    .orderBy("a.id")
    .limit(5000)
    .execute();
  return rows.map(present);
}
