import { type Kysely, PostgresAdapter } from "kysely";
import { type Clock, toIso } from "../../platform/clock.ts";
import type { Tables } from "../../platform/db/tables.ts";
import { newId } from "../../platform/ids.ts";
import { IncidentWork, type Severity } from "../incidents/index.ts";
import { contentHash, type IncomingAlert } from "./alert.ts";
import type { AlertResolutionTable } from "./alerts.tables.ts";
import { scheduleExpiry } from "./expiry.ts";
import { type AlertRow, loadOpen, type Open, publishAlertEvents, writeAlerts } from "./ingest.repository.ts";
import { recordResolutions, resolvedStarts } from "./resolutions.ts";
import { type CompiledIntegration, routeAlert } from "./routing.ts";
import { activeSilences, type Silencer } from "./silences.service.ts";

/** One request's alerts, from one integration. */
export interface IngestUnit {
  integration: CompiledIntegration;
  alerts: IncomingAlert[];
}

export type Outcome =
  | "created"
  | "updated"
  | "unchanged"
  | "resolved"
  | "acknowledged"
  | "suppressed"
  | "ignored";

export interface AlertOutcome {
  fingerprint: string;
  outcome: Outcome;
  alertId: string | null;
  incidentId: string | null;
}

type IncidentOp =
  | { kind: "join"; open: Open; integration: string }
  | { kind: "resolve"; open: Open; integration: string }
  | { kind: "ack"; open: Open; integration: string };

function applyContent(row: AlertRow, a: IncomingAlert, hash: string, severity: Severity, now: string) {
  row.title = a.title;
  row.description = a.description;
  row.severity = severity;
  row.labels_json = JSON.stringify(a.labels);
  row.annotations_json = JSON.stringify(a.annotations);
  row.links_json = JSON.stringify(a.links);
  row.source_url = a.sourceUrl;
  row.runbook_url = a.runbookUrl;
  row.content_hash = hash;
  row.updated_at = now;
}

/**
 * Applies a batch of intake requests in the caller's transaction, set-wise: one query finds the open alerts
 * of every fingerprint in the batch, decisions happen in memory in arrival order (so two events for one
 * alert in one batch behave as if sent apart), then alerts, incidents, timeline and events are written in a
 * few statements. Replaying a payload finds its alerts unchanged and writes nothing (a re-post to the
 * Alertmanager API moves only the alert's expiry).
 */
export async function ingestUnits(
  trx: Kysely<Tables>,
  clock: Clock,
  units: IngestUnit[],
): Promise<AlertOutcome[][]> {
  const nowDate = clock.now();
  const now = toIso(nowDate);
  const lock = trx.getExecutor().adapter instanceof PostgresAdapter;
  const keyOf = (u: IngestUnit, a: IncomingAlert) => `${u.integration.id}:${a.fingerprint}`;
  const open = await loadOpen(
    trx,
    units.flatMap((u) => u.alerts.map((a) => keyOf(u, a))),
    lock,
  );
  const staleCheck = units.flatMap((u) =>
    u.alerts
      .filter((a) => a.action === "firing" && a.startsAt && !open.has(keyOf(u, a)))
      .map((a) => ({ integrationId: u.integration.id, fingerprint: a.fingerprint })),
  );
  const stale = staleCheck.length > 0 ? await resolvedStarts(trx, staleCheck) : new Set<string>();
  let silencer: Silencer | undefined;
  const silence = async (labels: Record<string, string>) => {
    silencer ??= await activeSilences(trx, nowDate);
    return silencer(labels);
  };

  const ops: IncidentOp[] = [];
  /** Expiry instants written in this batch: each needs a sweep job due by then. */
  const expiries: string[] = [];
  /** Occurrences resolved in this batch: a later firing re-send of one of them is stale. */
  const resolutions: AlertResolutionTable[] = [];
  /** Alerts that will join an incident in this batch: their resolve must count there too. */
  const joining = new Set<Open>();
  const events: { unit: IngestUnit; open: Open; type: string }[] = [];
  const results: { open: Open | null; fingerprint: string; outcome: Outcome }[][] = [];
  for (const u of units) {
    const unitResults: (typeof results)[number] = [];
    results.push(unitResults);
    const integration = u.integration.name;
    for (const a of u.alerts) {
      const key = keyOf(u, a);
      const current = open.get(key);
      const say = (outcome: Outcome, o: Open | null = current ?? null) =>
        unitResults.push({ open: o, fingerprint: a.fingerprint, outcome });
      if (a.action === "acknowledge") {
        if (current?.row.status !== "firing" || !(current.row.incident_id || joining.has(current)))
          say("ignored");
        else {
          ops.push({ kind: "ack", open: current, integration });
          say("acknowledged");
        }
        continue;
      }
      if (a.action === "resolved") {
        if (!current) {
          say("ignored", null);
          continue;
        }
        const ends = a.endsAt && a.endsAt <= now ? a.endsAt : now;
        if (current.row.incident_id || joining.has(current))
          ops.push({ kind: "resolve", open: current, integration });
        Object.assign(current.row, {
          status: "resolved",
          open_key: null,
          resolved_at: ends,
          updated_at: now,
        });
        current.changed = true;
        open.delete(key);
        resolutions.push({
          integration_id: u.integration.id,
          fingerprint: a.fingerprint,
          starts_at: current.row.starts_at,
          recorded_at: now,
        });
        events.push({ unit: u, open: current, type: "alert.resolved" });
        say("resolved");
        continue;
      }
      const hash = contentHash(a);
      if (current) {
        if (current.row.status === "suppressed" && !(await silence(a.labels))) {
          // The silence ended while the alert kept firing: it pages now, as Alertmanager would.
          Object.assign(current.row, { status: "firing", silence_id: null, updated_at: now });
          current.changed = true;
          ops.push({ kind: "join", open: current, integration });
          joining.add(current);
          events.push({ unit: u, open: current, type: "alert.firing" });
          say("updated");
        } else if (current.row.content_hash === hash) say("unchanged");
        else {
          applyContent(current.row, a, hash, routeAlert(u.integration, a).severity, now);
          current.changed = true;
          say("updated");
        }
        // A re-post to the Alertmanager API keeps the alert alive: same content, later expiry.
        if (a.expiresAt && a.expiresAt !== current.row.expires_at) {
          current.row.expires_at = a.expiresAt;
          current.expiryChanged = true;
          expiries.push(a.expiresAt);
        }
        continue;
      }
      if (a.startsAt && stale.has(`${key}:${a.startsAt}`)) {
        say("ignored", null);
        continue;
      }
      const routed = routeAlert(u.integration, a);
      const silenceId = await silence(a.labels);
      const row: AlertRow = {
        id: newId(nowDate),
        integration_id: u.integration.id,
        fingerprint: a.fingerprint,
        open_key: key,
        status: silenceId ? "suppressed" : "firing",
        title: "",
        description: "",
        severity: routed.severity,
        service: routed.service,
        group_key: routed.groupKey,
        labels_json: "",
        annotations_json: "",
        links_json: "",
        source_url: null,
        runbook_url: null,
        content_hash: "",
        incident_id: null,
        silence_id: silenceId,
        starts_at: a.startsAt ?? now,
        ends_at: a.endsAt,
        expires_at: a.expiresAt ?? null,
        resolved_at: null,
        created_at: now,
        updated_at: now,
      };
      applyContent(row, a, hash, routed.severity, now);
      if (a.expiresAt) expiries.push(a.expiresAt);
      const created: Open = { row, isNew: true, changed: true };
      open.set(key, created);
      if (!silenceId) {
        ops.push({ kind: "join", open: created, integration });
        joining.add(created);
      }
      events.push({ unit: u, open: created, type: silenceId ? "alert.suppressed" : "alert.firing" });
      say(silenceId ? "suppressed" : "created", created);
    }
  }

  const work = new IncidentWork(trx, clock);
  await work.load({
    openGroupKeys: ops.filter((o) => o.kind === "join").map((o) => o.open.row.group_key),
    ids: ops.flatMap((o) => (o.kind !== "join" && o.open.row.incident_id ? [o.open.row.incident_id] : [])),
  });
  for (const op of ops) {
    const r = op.open.row;
    if (op.kind === "join") {
      r.incident_id = work.joinAlert(r.group_key, {
        alertId: r.id,
        title: r.title,
        fingerprint: r.fingerprint,
        integration: op.integration,
        severity: r.severity as Severity,
        service: r.service,
        runbookUrl: r.runbook_url,
      });
      op.open.changed = true;
    } else if (op.kind === "resolve" && r.incident_id) {
      work.alertResolved(r.incident_id, { alertId: r.id, title: r.title, integration: op.integration });
    } else if (op.kind === "ack" && r.incident_id) {
      const target = work.target(r.incident_id);
      if (target) work.setStatus(target.id, "acknowledged", `integration:${op.integration}`);
    }
  }

  await writeAlerts(trx, [
    ...new Set(results.flat().flatMap((r) => (r.open?.changed || r.open?.expiryChanged ? [r.open] : []))),
  ]);
  await recordResolutions(trx, resolutions);
  await publishAlertEvents(trx, clock, events, (id) => work.target(id)?.id ?? id);
  await work.flush();
  if (expiries.length > 0) await scheduleExpiry(trx, clock, expiries);
  return results.map((unit) =>
    unit.map((r) => ({
      fingerprint: r.fingerprint,
      outcome: r.outcome,
      alertId: r.open?.row.id ?? null,
      incidentId: r.open?.row.incident_id ?? null,
    })),
  );
}
