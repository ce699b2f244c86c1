import type { IntegrationType } from "./types.ts";

/** One copy-paste block for the sender's configuration. */
export interface Snippet {
  id: string;
  title: string;
  /** Where it goes, in a sentence. */
  where: string;
  /** The text with `key` in place of the integration key (the masked or the real one). */
  text: (key: string) => string;
}

export interface IntakeTarget {
  name: string;
  type: IntegrationType;
  /** The intake URL exactly as the server reports it (built from its configured base URL). */
  url: string;
}

/** The server's base URL (it may carry a path prefix behind a proxy), taken from the reported intake URL. */
export function baseOf(url: string): string {
  const i = url.indexOf("/api/v1/integrations/");
  return i >= 0 ? url.slice(0, i) : new URL(url).origin;
}

/** A curl call with a readable, multi-line JSON body (keys contain no single quotes, so it stays one argument). */
function curl(url: string, body: unknown, key?: string): string {
  const auth = key === undefined ? "" : `  -H 'Authorization: Bearer ${key}' \\\n`;
  return `curl -sS -X POST '${url}' \\\n${auth}  -H 'Content-Type: application/json' \\\n  -d '${JSON.stringify(body, null, 2)}'\n`;
}

function alertmanagerSnippets(t: IntakeTarget): Snippet[] {
  const u = new URL(t.url);
  const https = u.protocol === "https:";
  // Prometheus wants host:port; it appends /api/v2/alerts to path_prefix itself.
  const target = `${u.hostname}:${u.port || (https ? "443" : "80")}`;
  return [
    {
      id: "alertmanager",
      title: "Alertmanager receiver",
      where:
        "alertmanager.yml: add the receiver, then route alerts to it (receiver: opsdeck) in your route tree.",
      text: (key) => `receivers:
  - name: opsdeck
    webhook_configs:
      - url: ${t.url}
        send_resolved: true
        http_config:
          authorization:
            type: Bearer
            credentials: ${key}
`,
    },
    {
      id: "prometheus",
      title: "Prometheus without Alertmanager",
      where:
        "prometheus.yml: opsdeck answers Alertmanager's /api/v2/alerts, so Prometheus can send to it directly.",
      text: (key) => `alerting:
  alertmanagers:
    - scheme: ${https ? "https" : "http"}
      path_prefix: ${u.pathname}
      static_configs:
        - targets: ["${target}"]
      authorization:
        type: Bearer
        credentials: ${key}
`,
    },
    {
      id: "test",
      title: "Send a test alert",
      where:
        "From a shell, in Alertmanager's API format; resend it with an endsAt in the past to resolve it.",
      text: (key) =>
        curl(
          `${t.url}/api/v2/alerts`,
          [
            {
              labels: { alertname: "OpsdeckTest", severity: "warning" },
              annotations: { summary: "Test alert sent with curl" },
            },
          ],
          key,
        ),
    },
  ];
}

function grafanaSnippets(t: IntakeTarget): Snippet[] {
  return [
    {
      id: "grafana",
      title: "Grafana contact point",
      where:
        "A provisioning file under provisioning/alerting/, or by hand: Alerting → Contact points → Webhook, with the URL, and Bearer with the key under Optional settings.",
      text: (key) => `apiVersion: 1
contactPoints:
  - orgId: 1
    name: opsdeck
    receivers:
      - uid: opsdeck-${t.name}
        type: webhook
        settings:
          url: ${t.url}
          httpMethod: POST
          authorization_scheme: Bearer
          authorization_credentials: ${key}
`,
    },
  ];
}

function pagerDutySnippets(t: IntakeTarget): Snippet[] {
  return [
    {
      id: "pagerduty",
      title: "PagerDuty Events API v2",
      where:
        "In a sender that speaks PagerDuty's Events API v2: replace PagerDuty's URL, and use the key as the integration (routing) key.",
      text: (key) => `Events API v2 URL:  ${t.url}
Also accepted at:   ${baseOf(t.url)}/v2/enqueue
Routing key:        ${key}
`,
    },
    {
      id: "test",
      title: "Send a test event",
      where: "From a shell; send the same dedup_key with event_action resolve to resolve it.",
      text: (key) =>
        curl(t.url, {
          routing_key: key,
          event_action: "trigger",
          dedup_key: "opsdeck-test",
          payload: { summary: "Test event sent with curl", source: "curl", severity: "warning" },
        }),
    },
  ];
}

function webhookSnippets(t: IntakeTarget): Snippet[] {
  return [
    {
      id: "webhook",
      title: "Generic webhook",
      where: "From a script, CI job or cron: send the same dedupKey with status resolved to resolve it.",
      text: (key) =>
        curl(
          t.url,
          {
            title: "Nightly backup failed",
            severity: "warning",
            dedupKey: "backup-nightly",
            labels: { job: "backup" },
            description: "pg_dump exited with 1",
          },
          key,
        ),
    },
  ];
}

/** The configuration to paste into each sender this integration receives from. */
export function senderSnippets(t: IntakeTarget): Snippet[] {
  switch (t.type) {
    case "alertmanager":
      return alertmanagerSnippets(t);
    case "grafana":
      return grafanaSnippets(t);
    case "pagerduty":
      return pagerDutySnippets(t);
    case "webhook":
      return webhookSnippets(t);
  }
}

/** A heartbeat's ping, sent with its integration's key when the job finishes. */
export function heartbeatPing(t: IntakeTarget, heartbeat: string, key: string): string {
  return `curl -sS -X POST '${baseOf(t.url)}/api/v1/heartbeats/${encodeURIComponent(heartbeat)}/ping' \\
  -H 'Authorization: Bearer ${key}'
`;
}

/** Enough of the key to tell keys apart, never enough to use it. */
export function maskKey(key: string): string {
  const prefix = key.startsWith("odi_") ? "odi_" : "";
  return `${prefix}${"•".repeat(16)}${key.slice(-4)}`;
}
