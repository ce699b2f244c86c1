import { type Kysely, PostgresAdapter } from "kysely";
import { type Clock, toIso } from "../../platform/clock.ts";
import { bulkInsert } from "../../platform/db/dialect/bulk-insert.ts";
import type { Tables } from "../../platform/db/tables.ts";
import { publishEvent } from "../../platform/events/index.ts";
import { newId } from "../../platform/ids.ts";
import {
  type AlertRef,
  type IncidentStatus,
  incidentSubject,
  moreSevere,
  type NewIncident,
  type Severity,
  transition,
} from "./incident.ts";
import {
  autoResolveOf,
  type IncidentRow,
  insertIgnoring,
  loadIncidentRows,
  takeNumbers,
  writeIncidents,
} from "./incidents.repository.ts";

interface Entry {
  incidentId: string;
  kind: string;
  actor: string;
  text: string;
  data: Record<string, unknown>;
}

/**
 * Every change to incidents inside one transaction goes through one of these: ingest batches (many alerts,
 * many incidents) and a person's acknowledge alike. Changes happen in memory, in call order, and `flush`
 * writes them set-wise: numbers for new incidents, one UPDATE per touched incident, the timeline rows with
 * their sequence numbers, and the domain events through the outbox. That keeps a batch of a thousand
 * alerts at a handful of statements on PostgreSQL, where each statement is a round trip.
 */
export class IncidentWork {
  private readonly trx: Kysely<Tables>;
  private readonly clock: Clock;
  private readonly lock: boolean;
  private readonly rows = new Map<string, IncidentRow>();
  private readonly openByGroup = new Map<string, string>();
  private readonly created: string[] = [];
  private readonly dirty = new Set<string>();
  private readonly entries: Entry[] = [];
  private readonly events: { incidentId: string; type: string; extra: Record<string, unknown> }[] = [];
  private readonly links = new Map<
    string,
    { incident_id: string; url: string; title: string; source: string }
  >();
  private readonly newServices: { incident_id: string; service: string }[] = [];
  private readonly lastAlertResolved = new Set<string>();

  constructor(trx: Kysely<Tables>, clock: Clock) {
    this.trx = trx;
    this.clock = clock;
    // Row locks exist only on PostgreSQL; SQLite's single writer already serialises every change.
    this.lock = trx.getExecutor().adapter instanceof PostgresAdapter;
  }

  /** Loads (and on PostgreSQL locks) incidents, following `merged_into` to the incidents that replaced them. */
  async load(by: { ids?: string[]; openGroupKeys?: string[] }): Promise<void> {
    const ids = (by.ids ?? []).filter((id) => !this.rows.has(id));
    const keys = (by.openGroupKeys ?? []).filter((k) => !this.openByGroup.has(k));
    if (ids.length === 0 && keys.length === 0) return;
    const rows = await loadIncidentRows(this.trx, this.lock, { ids, openGroupKeys: keys });
    for (const r of rows) {
      if (this.rows.has(r.id)) continue;
      this.rows.set(r.id, { ...r });
      if (r.open_group_key) this.openByGroup.set(r.open_group_key, r.id);
    }
    const merged = rows.map((r) => r.merged_into).filter((m): m is string => !!m && !this.rows.has(m));
    if (merged.length > 0) await this.load({ ids: merged });
  }

  /** The incident that stands for `id` now: changes to a merged incident go to the one it was merged into. */
  target(id: string): IncidentRow | undefined {
    let row = this.rows.get(id);
    for (let hops = 0; row?.merged_into && hops < 20; hops++) row = this.rows.get(row.merged_into) ?? row;
    return row;
  }

  get = (id: string): IncidentRow | undefined => this.rows.get(id);

  private now(): string {
    return toIso(this.clock.now());
  }

  /** Marks a row changed by the caller (merge, edits) so flush writes it. */
  touch(row: IncidentRow): void {
    row.updated_at = this.now();
    this.dirty.add(row.id);
  }

  /** A timeline entry on exactly this incident (callers follow merges themselves where they should). */
  entry(
    incidentId: string,
    kind: string,
    actor: string,
    text: string,
    data: Record<string, unknown> = {},
  ): void {
    const row = this.rows.get(incidentId);
    if (!row) return;
    this.entries.push({ incidentId: row.id, kind, actor, text, data });
    this.touch(row);
  }

  event(incidentId: string, type: string, extra: Record<string, unknown> = {}): void {
    this.events.push({ incidentId, type, extra });
  }

  /** Opens an incident (number assigned at flush); `actor` is who declared it, or the integration. */
  open(spec: NewIncident, actor: string): IncidentRow {
    const at = this.clock.now();
    const now = toIso(at);
    const row: IncidentRow = {
      id: newId(at),
      number: 0,
      title: spec.title,
      summary: spec.summary,
      severity: spec.severity,
      status: "triggered",
      service: spec.services[0] ?? null,
      group_key: spec.groupKey,
      open_group_key: spec.groupKey,
      alert_count: 0,
      open_alert_count: 0,
      timeline_seq: 0,
      merged_into: null,
      source: spec.source,
      created_at: now,
      acknowledged_at: null,
      resolved_at: null,
      updated_at: now,
    };
    this.rows.set(row.id, row);
    if (spec.groupKey) this.openByGroup.set(spec.groupKey, row.id);
    this.created.push(row.id);
    for (const service of [...new Set(spec.services)])
      this.newServices.push({ incident_id: row.id, service });
    this.entry(row.id, "incident.triggered", actor, `Incident opened (${spec.severity}): ${spec.title}`, {
      severity: spec.severity,
      services: spec.services,
    });
    this.event(row.id, "incident.triggered");
    return row;
  }

  /** Attaches a new firing alert to the open incident of its group, opening one when there is none. */
  joinAlert(groupKey: string, alert: AlertRef): string {
    const openId = this.openByGroup.get(groupKey);
    const row =
      (openId ? this.target(openId) : undefined) ??
      this.open(
        {
          title: alert.title,
          summary: "",
          severity: alert.severity,
          services: [alert.service],
          groupKey,
          source: "alert",
        },
        `integration:${alert.integration}`,
      );
    row.alert_count += 1;
    row.open_alert_count += 1;
    this.entry(row.id, "alert.firing", `integration:${alert.integration}`, `Alert fired: ${alert.title}`, {
      alertId: alert.alertId,
      fingerprint: alert.fingerprint,
      severity: alert.severity,
    });
    const raised = moreSevere(row.severity as Severity, alert.severity);
    if (raised !== row.severity) this.setSeverity(row.id, raised, `integration:${alert.integration}`);
    if (alert.runbookUrl) {
      this.links.set(`${row.id} ${alert.runbookUrl}`, {
        incident_id: row.id,
        url: alert.runbookUrl,
        title: `Runbook: ${alert.title}`.slice(0, 500),
        source: "alert",
      });
    }
    return row.id;
  }

  /** Counts a resolved alert; the incident may then resolve by itself at flush (per service policy). */
  alertResolved(incidentId: string, alert: { alertId: string; title: string; integration: string }): void {
    const row = this.target(incidentId);
    if (!row) return;
    row.open_alert_count = Math.max(0, row.open_alert_count - 1);
    this.entry(
      row.id,
      "alert.resolved",
      `integration:${alert.integration}`,
      `Alert resolved: ${alert.title}`,
      {
        alertId: alert.alertId,
      },
    );
    if (row.open_alert_count === 0) this.lastAlertResolved.add(row.id);
  }

  setStatus(id: string, to: IncidentStatus, actor: string, text?: string): "change" | "noop" | "invalid" {
    const row = this.target(id);
    if (!row) return "invalid";
    const outcome = transition(row.status as IncidentStatus, to);
    if (outcome !== "change") return outcome;
    row.status = to;
    if (to === "acknowledged") row.acknowledged_at = this.now();
    if (to === "resolved") {
      row.resolved_at = this.now();
      row.open_group_key = null;
      for (const [k, v] of this.openByGroup) if (v === row.id) this.openByGroup.delete(k);
    }
    const verb = to === "acknowledged" ? "Acknowledged" : "Resolved";
    this.entry(row.id, `incident.${to}`, actor, text ?? `${verb} by ${actor}`, {});
    this.event(row.id, `incident.${to}`, { by: actor });
    return "change";
  }

  setSeverity(id: string, severity: Severity, actor: string): void {
    const row = this.target(id);
    if (!row || row.severity === severity) return;
    const from = row.severity;
    row.severity = severity;
    this.entry(row.id, "severity", actor, `Severity ${from} -> ${severity}`, { from, to: severity });
    this.event(row.id, "incident.updated", { changed: ["severity"] });
  }

  /** Writes everything, in an order that satisfies the foreign keys, and publishes the events. */
  async flush(): Promise<void> {
    await this.autoResolve();
    const fresh = this.created.map((id) => this.rows.get(id)).filter((r): r is IncidentRow => !!r);
    if (fresh.length > 0) {
      const numbers = await takeNumbers(this.trx, fresh.length);
      fresh.forEach((r, i) => {
        r.number = numbers[i] ?? 0;
      });
    }
    const at = this.clock.now();
    const timeline = this.entries.map((e) => {
      const row = this.rows.get(e.incidentId) as IncidentRow;
      row.timeline_seq += 1;
      return {
        id: newId(at),
        incident_id: row.id,
        seq: row.timeline_seq,
        at: toIso(at),
        kind: e.kind,
        actor: e.actor,
        text: e.text.slice(0, 10_000),
        data_json: JSON.stringify(e.data),
      };
    });
    await writeIncidents(
      this.trx,
      [...new Set([...this.created, ...this.dirty])].map((id) => this.rows.get(id) as IncidentRow),
    );
    await insertIgnoring(this.trx, "incident_services", this.newServices);
    await bulkInsert(this.trx, {
      table: "incident_timeline",
      columns: ["id", "incident_id", "seq", "at", "kind", "actor", "text", "data_json"],
      types: { seq: "integer" },
      rows: timeline,
    });
    await insertIgnoring(this.trx, "incident_links", [...this.links.values()]);
    for (const e of this.events) {
      const row = this.rows.get(e.incidentId);
      if (!row) continue;
      await publishEvent(this.trx, this.clock, {
        type: e.type,
        subject: incidentSubject(row.id),
        payload: {
          id: row.id,
          number: row.number,
          title: row.title,
          severity: row.severity,
          status: row.status,
          service: row.service,
          ...e.extra,
        },
      });
    }
  }

  private async autoResolve(): Promise<void> {
    const candidates = [...this.lastAlertResolved]
      .map((id) => this.rows.get(id))
      .filter((r): r is IncidentRow => !!r && r.open_alert_count === 0 && r.status !== "resolved");
    if (candidates.length === 0) return;
    const policy = await autoResolveOf(
      this.trx,
      candidates.map((r) => r.service ?? ""),
    );
    for (const r of candidates) {
      if (policy.get(r.service ?? "") === false) continue;
      this.setStatus(r.id, "resolved", "opsdeck", "Resolved by itself: all its alerts have resolved");
    }
  }
}
