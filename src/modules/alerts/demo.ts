import { findUserByName } from "../../platform/auth/index.ts";
import { addMs, type Clock, toIso } from "../../platform/clock.ts";
import type { ActionContext, Role } from "../../platform/context.ts";
import type { Database } from "../../platform/db/database.ts";
import {
  acknowledgeIncident,
  addNote,
  assignRole,
  hasAnyIncident,
  postStatusUpdate,
  resolveIncident,
} from "../incidents/index.ts";
import type { IncomingAlert } from "./alert.ts";
import { ingestUnits } from "./ingest.core.ts";
import { compileIntegration } from "./routing.ts";

const minute = 60_000;

function alert(
  fingerprint: string,
  labels: Record<string, string>,
  summary: string,
  runbook?: string,
): IncomingAlert {
  return {
    fingerprint,
    action: "firing",
    title: `${labels.alertname}: ${summary}`,
    description: summary,
    labels,
    annotations: { summary, ...(runbook ? { runbook_url: runbook } : {}) },
    links: [],
    severity: labels.severity === "critical" ? "SEV1" : labels.severity === "warning" ? "SEV3" : null,
    startsAt: null,
    endsAt: null,
    sourceUrl: null,
    runbookUrl: runbook ?? null,
  };
}

/**
 * A few incidents with history for the demo organisation, made through the same ingest and incident services
 * the API uses, at instants in the past: a resolved replication-lag incident, a resolved certificate alert,
 * an acknowledged gateway incident with a commander and status updates, and a fresh page still triggered.
 * Runs once: with any incident present it changes nothing, so `opsdeck demo` stays idempotent.
 */
export async function seedAlertingDemo(db: Database, ctx: ActionContext): Promise<void> {
  if (await hasAnyIncident(db)) return;
  const integrations = new Map(
    (await db.read.selectFrom("alert_integrations").select(["id", "name", "spec_json"]).execute()).map(
      (r) => [r.name, compileIntegration(r)],
    ),
  );
  const now = ctx.clock.now().getTime();
  const at = (minutesAgo: number): Clock => ({ now: () => new Date(now - minutesAgo * minute) });
  const as = async (name: string, role: Role, minutesAgo: number): Promise<ActionContext> => {
    const user = await findUserByName(db.read, name);
    return {
      actor: user ? { type: "user", id: user.id, name, role } : { type: "system", label: name },
      requestId: null,
      clock: at(minutesAgo),
    };
  };
  const fire = async (integration: string, minutesAgo: number, alerts: IncomingAlert[]) => {
    const found = integrations.get(integration);
    if (!found) return [];
    const outcomes = await db.write((trx) =>
      ingestUnits(trx, at(minutesAgo), [{ integration: found, alerts }]),
    );
    return outcomes[0] ?? [];
  };
  const resolve = (a: IncomingAlert, minutesAgo: number): IncomingAlert => ({
    ...a,
    action: "resolved",
    endsAt: toIso(addMs(new Date(now), -minutesAgo * minute)),
  });

  const lag = alert(
    "demo-pg-lag",
    { alertname: "PostgresReplicationLag", severity: "critical", cluster: "pg-main", team: "data" },
    "Replica pg-main-2 is 94 s behind the primary",
    "https://runbooks.northwind.example/postgres/replication-lag",
  );
  const [lagOutcome] = await fire("prometheus-prod", 3 * 1440, [lag]);
  const lagIncident = lagOutcome?.incidentId;
  if (lagIncident) {
    await acknowledgeIncident(db, await as("carol", "responder", 3 * 1440 - 4), lagIncident);
    await addNote(
      db,
      await as("carol", "responder", 3 * 1440 - 9),
      lagIncident,
      "WAL volume on pg-main-2 is at 98% IOPS; the nightly VACUUM of events overlaps the backup.",
    );
    await fire("prometheus-prod", 3 * 1440 - 38, [resolve(lag, 3 * 1440 - 38)]);
    await resolveIncident(
      db,
      await as("carol", "responder", 3 * 1440 - 45),
      lagIncident,
      "Moved the VACUUM window to 03:00; lag back under 1 s.",
    );
  }

  const cert = alert(
    "demo-cert",
    { alertname: "CertificateExpiringSoon", severity: "warning", namespace: "ingress" },
    "Certificate api.northwind.example expires in 6 days",
  );
  const [certOutcome] = await fire("grafana-cloud", 1440, [cert]);
  if (certOutcome?.incidentId) {
    await acknowledgeIncident(db, await as("dave", "responder", 1440 - 12), certOutcome.incidentId);
    await fire("grafana-cloud", 1440 - 70, [resolve(cert, 1440 - 70)]);
  }

  const errors = alert(
    "demo-gw-5xx",
    { alertname: "HighErrorRate", severity: "critical", service: "ingress-gateway", region: "eu-west-1" },
    "5xx ratio 7.2% over 5 minutes",
    "https://runbooks.northwind.example/edge/high-error-rate",
  );
  const down = alert(
    "demo-gw-down",
    { alertname: "HighErrorRate", severity: "warning", service: "ingress-gateway", region: "eu-central-1" },
    "5xx ratio 2.1% over 5 minutes",
  );
  const [gw] = await fire("prometheus-prod", 120, [errors]);
  if (gw?.incidentId) {
    await acknowledgeIncident(db, await as("dave", "responder", 117), gw.incidentId);
    await assignRole(db, await as("alice", "manager", 115), gw.incidentId, "commander", "alice");
    await assignRole(db, await as("alice", "manager", 115), gw.incidentId, "communications", "heidi");
    await fire("prometheus-prod", 111, [down]);
    await postStatusUpdate(db, await as("heidi", "responder", 100), gw.incidentId, {
      text: "Some API requests in Europe fail with 502. We are rolling back this morning's gateway release.",
    });
    await addNote(
      db,
      await as("dave", "responder", 90),
      gw.incidentId,
      "Rollback of gateway v2.14.0 at 50%; errors dropping in eu-central-1.",
    );
  }

  await fire("uptime-checks", 20, [
    {
      ...alert(
        "demo-dns",
        { alertname: "UptimeCheckFailed", severity: "critical", check: "dns-resolve" },
        "dns.northwind.example does not resolve from 3 of 5 probes",
      ),
    },
  ]);
}
