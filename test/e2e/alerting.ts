import assert from "node:assert/strict";
import type { Page } from "playwright-core";

/**
 * Helpers of the incident and alert browser tests: acting as an alert sender over HTTP, and watching the
 * page for errors.
 */

export interface IntegrationInfo {
  url: string;
  key: string;
  type: string;
}

/** The intake URL and key of an integration, read with an admin API token as a manager would copy them. */
export async function integration(baseUrl: string, token: string, name: string): Promise<IntegrationInfo> {
  const response = await fetch(`${baseUrl}/api/v1/integrations/${name}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  assert.equal(response.status, 200, await response.clone().text());
  return (await response.json()) as IntegrationInfo;
}

/** Sends an alert the way the sender would: its own format, the integration's key as a Bearer token. */
export async function sendAlert(target: IntegrationInfo, body: unknown): Promise<void> {
  const response = await fetch(target.url, {
    method: "POST",
    headers: { authorization: `Bearer ${target.key}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  assert.equal(response.status, 200, await response.text());
}

/** An Alertmanager v4 webhook with one firing alert that groups with the demo's HighErrorRate incident. */
export function alertmanagerPayload(fingerprint: string, region: string) {
  const labels = { alertname: "HighErrorRate", service: "ingress-gateway", severity: "warning", region };
  return {
    version: "4",
    groupKey: '{}:{alertname="HighErrorRate"}',
    status: "firing",
    receiver: "opsdeck",
    groupLabels: { alertname: "HighErrorRate" },
    commonLabels: labels,
    commonAnnotations: {},
    externalURL: "http://alertmanager.example:9093",
    alerts: [
      {
        status: "firing",
        labels,
        annotations: { summary: `5xx ratio 3.4% over 5 minutes in ${region}` },
        startsAt: new Date().toISOString(),
        endsAt: "0001-01-01T00:00:00Z",
        generatorURL: "http://prometheus.example:9090/graph",
        fingerprint,
      },
    ],
  };
}

/** Marks the document; the mark survives everything but a reload, which live updates must not need. */
export async function markDocument(page: Page): Promise<void> {
  // A string, not a function: the tests are type-checked without the DOM library.
  await page.evaluate('document.documentElement.dataset.e2eMark = "not reloaded"');
}

export async function assertNotReloaded(page: Page): Promise<void> {
  assert.equal(await page.locator("html").getAttribute("data-e2e-mark"), "not reloaded", "the page reloaded");
}
