import type { TestApp } from "../../platform/testing/test-app.ts";

/** Creates an integration through the API as a manager and returns its key and intake URL path. */
export async function makeIntegration(
  t: TestApp,
  name: string,
  spec: Record<string, unknown>,
): Promise<{ key: string; path: string }> {
  const res = await t.app.inject({
    method: "POST",
    url: "/api/v1/integrations",
    headers: t.as("manager"),
    payload: { name, ...spec },
  });
  if (res.statusCode !== 201) throw new Error(`creating integration ${name}: ${res.statusCode} ${res.body}`);
  const body = res.json() as { key: string; url: string };
  return { key: body.key, path: new URL(body.url).pathname };
}

export function post(t: TestApp, url: string, key: string, payload: unknown) {
  return t.app.inject({
    method: "POST",
    url,
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    payload: JSON.stringify(payload),
  });
}

/** An Alertmanager v4 webhook body as Alertmanager 0.27 sends it (one group, its alerts). */
export function alertmanagerBody(
  status: "firing" | "resolved",
  alerts: {
    fingerprint: string;
    labels: Record<string, string>;
    annotations?: Record<string, string>;
    status?: "firing" | "resolved";
    startsAt?: string;
    endsAt?: string;
  }[],
  groupLabels: Record<string, string> = { alertname: alerts[0]?.labels.alertname ?? "" },
) {
  return {
    receiver: "opsdeck",
    status,
    alerts: alerts.map((a) => ({
      status: a.status ?? status,
      labels: a.labels,
      annotations: a.annotations ?? {},
      startsAt: a.startsAt ?? "2026-11-02T08:58:30.123Z",
      endsAt: a.endsAt ?? (status === "resolved" ? "2026-11-02T09:10:00.000Z" : "0001-01-01T00:00:00Z"),
      generatorURL: `http://prometheus:9090/graph?g0.expr=up+%3D%3D+0&g0.tab=1`,
      fingerprint: a.fingerprint,
    })),
    groupLabels,
    commonLabels: alerts[0]?.labels ?? {},
    commonAnnotations: alerts[0]?.annotations ?? {},
    externalURL: "http://alertmanager:9093",
    version: "4",
    groupKey: `{}:{alertname="${groupLabels.alertname ?? ""}"}`,
    truncatedAlerts: 0,
  };
}
