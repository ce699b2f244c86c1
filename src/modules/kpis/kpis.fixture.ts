import { applyDocuments } from "../../platform/manifests/apply.ts";
import { parseManifestText } from "../../platform/manifests/load.ts";
import type { Engine } from "../../platform/testing/databases.ts";
import { startTestApp, type TestApp } from "../../platform/testing/test-app.ts";
import { manifestRegistry } from "../registry.ts";

const doc = (kind: string, name: string, spec: string) =>
  `apiVersion: opsdeck.dev/v1\nkind: ${kind}\nmetadata: { name: ${name} }\nspec: ${spec}\n`;

/** Two teams owning a service each, an unowned service, and two people in other time zones. */
const world = [
  doc(
    "User",
    "bob",
    "{ email: bob@example.com, displayName: Bob, role: responder, timeZone: America/New_York }",
  ),
  doc(
    "User",
    "erin",
    "{ email: erin@example.com, displayName: Erin, role: responder, timeZone: Australia/Sydney }",
  ),
  doc("Team", "payments", "{ members: [bob] }"),
  doc("Team", "edge", "{ members: [erin] }"),
  doc("Service", "checkout", "{ owner: payments }"),
  doc("Service", "gateway", "{ owner: edge }"),
  doc("Service", "orphan", "{}"),
].join("---\n");

export async function startKpiWorld(engine: Engine, env: Record<string, string> = {}): Promise<TestApp> {
  const t = await startTestApp(engine, env);
  const { documents, issues } = parseManifestText(world, "world.yaml");
  await applyDocuments(
    t.database.db,
    t.system,
    documents,
    manifestRegistry(),
    { dryRun: false, prune: false },
    issues,
  );
  t.clock.set("2026-12-15T12:00:00.000Z");
  return t;
}

/** Imports incident history through the API, as a manager would. */
export async function importCsv(t: TestApp, csv: string) {
  return t.app.inject({
    method: "POST",
    url: "/api/v1/incidents/import",
    headers: { ...t.as("manager"), "content-type": "text/csv; charset=utf-8" },
    payload: csv,
  });
}

let alertSeq = 0;

/** One alert occurrence, written directly: the KPI tests need exact instants that ingest would stamp "now". */
export async function insertAlert(
  t: TestApp,
  a: { fingerprint: string; createdAt: string; resolvedAt?: string; incidentId?: string; service?: string },
) {
  alertSeq++;
  await t.database.db.write((trx) =>
    trx
      .insertInto("alerts")
      .values({
        id: `00000000-0000-7000-8000-${String(alertSeq).padStart(12, "0")}`,
        integration_id: "int-prom",
        fingerprint: a.fingerprint,
        open_key: null,
        status: a.resolvedAt ? "resolved" : "firing",
        title: `Alert ${a.fingerprint}`,
        description: "",
        severity: "SEV3",
        service: a.service ?? "checkout",
        group_key: a.fingerprint,
        labels_json: "{}",
        annotations_json: "{}",
        links_json: "[]",
        source_url: null,
        runbook_url: null,
        content_hash: "x",
        incident_id: a.incidentId ?? null,
        silence_id: null,
        starts_at: a.createdAt,
        ends_at: a.resolvedAt ?? null,
        resolved_at: a.resolvedAt ?? null,
        created_at: a.createdAt,
        updated_at: a.createdAt,
      })
      .execute(),
  );
}

let messageSeq = 0;

/** One notification message to `user`, sent (or failed) at `at`. */
export async function insertPage(t: TestApp, user: string, at: string, state: "sent" | "failed" = "sent") {
  messageSeq++;
  const id = `00000000-0000-7000-9000-${String(messageSeq).padStart(12, "0")}`;
  await t.database.db.write((trx) =>
    trx
      .insertInto("notify_messages")
      .values({
        id,
        subject: "incident:x",
        user_name: user,
        contact_method_id: "cm",
        channel: "email",
        title: "page",
        body: "",
        link: null,
        state,
        attempts: 1,
        last_error: null,
        plan_key: id,
        dedup_key: id,
        due_at: at,
        attempt_token: null,
        attempt_started_at: null,
        created_at: at,
        updated_at: at,
        sent_at: state === "sent" ? at : null,
      })
      .execute(),
  );
  return id;
}
