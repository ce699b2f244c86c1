import assert from "node:assert/strict";
import { test } from "node:test";
import { createSqliteDatabase, startServer } from "../../bench/support.ts";
import { startAlertmanager } from "./alertmanager-process.ts";
import { getJson, prepareSender, waitFor } from "./ingest-fixture.ts";

/**
 * The real Alertmanager in front of the real server: what operators actually run. Alertmanager batches,
 * retries and formats its webhooks itself, so this catches what a hand-written payload cannot.
 */

interface IncidentSummary {
  id: string;
  status: string;
  title: string;
}

/** Routes everything to opsdeck at once (1 s waits), resolved notifications included. */
function alertmanagerConfig(url: string, key: string): string {
  return JSON.stringify({
    global: { resolve_timeout: "1m" },
    route: {
      receiver: "opsdeck",
      group_by: ["alertname"],
      group_wait: "1s",
      group_interval: "1s",
      repeat_interval: "1h",
    },
    receivers: [
      {
        name: "opsdeck",
        webhook_configs: [
          { url, send_resolved: true, http_config: { authorization: { type: "Bearer", credentials: key } } },
        ],
      },
    ],
  });
}

test("an alert through the real Alertmanager opens an incident, and its resolve resolves it", async () => {
  const database = createSqliteDatabase();
  const server = await startServer(database.url);
  let alertmanager: Awaited<ReturnType<typeof startAlertmanager>> | undefined;
  try {
    const sender = await prepareSender(server.baseUrl, database.url, "am-e2e");
    // YAML is a superset of JSON, so the config needs no YAML library.
    alertmanager = await startAlertmanager(alertmanagerConfig(sender.url, sender.key));
    const am = alertmanager;
    const labels = { alertname: "OpsdeckE2EAlert", severity: "critical", instance: "db-1" };
    const post = async (endsAt?: string) => {
      const alert = {
        labels,
        annotations: { summary: "e2e through Alertmanager" },
        ...(endsAt && { endsAt }),
      };
      const res = await fetch(`${am.baseUrl}/api/v2/alerts`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify([alert]),
      });
      assert.equal(res.status, 200, await res.text());
    };

    await post();
    const incident = await waitFor("an open incident", 30_000, async () => {
      const { items } = await getJson<{ items: IncidentSummary[] }>(
        server.baseUrl,
        sender.token,
        "/api/v1/incidents?status=open",
      );
      return items[0];
    });
    assert.match(incident.title, /OpsdeckE2EAlert/);

    await post(new Date(Date.now() - 60_000).toISOString());
    await waitFor(`incident ${incident.id} resolved`, 30_000, async () => {
      const detail = await getJson<IncidentSummary>(
        server.baseUrl,
        sender.token,
        `/api/v1/incidents/${incident.id}`,
      );
      return detail.status === "resolved" ? detail : undefined;
    });
  } catch (error) {
    throw new Error(`${(error as Error).message}\nAlertmanager output:\n${alertmanager?.output() ?? ""}`);
  } finally {
    await alertmanager?.stop();
    await server.stop();
    await database.drop();
  }
});
