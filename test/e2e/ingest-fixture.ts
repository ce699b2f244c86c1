import assert from "node:assert/strict";
import { runCli } from "../../bench/support.ts";

/**
 * Preparing a server for alert intake the way an operator would: an admin and an API token from the CLI,
 * then an integration through the API, whose URL and key a sender is configured with.
 */

export interface Sender {
  /** An admin API token, for reading incidents and alerts. */
  token: string;
  /** The integration's intake URL, on the server's real address (the configured base URL may differ). */
  url: string;
  key: string;
}

export async function prepareSender(baseUrl: string, databaseUrl: string, name: string): Promise<Sender> {
  const email = "ingest-admin@example.com";
  await runCli(
    databaseUrl,
    ["user", "create", "--email", email, "--role", "admin", "--password-stdin"],
    "not-a-secret-password\n",
  );
  const { token } = JSON.parse(
    await runCli(databaseUrl, ["token", "create", "--email", email, "--name", "ingest", "--json"]),
  ) as { token: string };
  const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  const created = await fetch(`${baseUrl}/api/v1/integrations`, {
    method: "POST",
    headers,
    body: JSON.stringify({ name, type: "alertmanager", service: "platform", groupBy: ["alertname"] }),
  });
  assert.equal(created.status, 201, await created.text());
  const detail = await fetch(`${baseUrl}/api/v1/integrations/${name}`, { headers });
  assert.equal(detail.status, 200, await detail.clone().text());
  const { url, key } = (await detail.json()) as { url: string; key: string };
  return { token, url: new URL(new URL(url).pathname, baseUrl).toString(), key };
}

/** GET as the admin; fails the test on anything but 200. */
export async function getJson<T>(baseUrl: string, token: string, path: string): Promise<T> {
  const res = await fetch(`${baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(res.status, 200, await res.clone().text());
  return (await res.json()) as T;
}

/** Polls `probe` every 250 ms until it returns a value, failing with `what` after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  timeoutMs: number,
  probe: () => Promise<T | undefined>,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
