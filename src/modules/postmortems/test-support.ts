import type { TestApp } from "../../platform/testing/test-app.ts";

type Role = "viewer" | "responder" | "manager";

/** One API call as a user of `role`, the way the web UI and scripts make it. */
export function caller(t: () => TestApp) {
  return (role: Role, method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE", url: string, payload?: unknown) =>
    t().app.inject({
      method,
      url,
      headers: t().as(role),
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
}

/** Declares an incident and resolves it, returning its number. */
export async function resolvedIncident(t: TestApp, title: string, services: string[] = []): Promise<number> {
  const call = caller(() => t);
  const declared = await call("responder", "POST", "/api/v1/incidents", {
    title,
    severity: "SEV2",
    services,
  });
  if (declared.statusCode !== 201) throw new Error(`declare: ${declared.statusCode} ${declared.body}`);
  const number = declared.json().number as number;
  t.clock.advance(600_000);
  await call("responder", "POST", `/api/v1/incidents/${number}/notes`, { text: "Rolled back the release" });
  t.clock.advance(300_000);
  const resolved = await call("responder", "POST", `/api/v1/incidents/${number}/resolve`, {});
  if (resolved.statusCode !== 200) throw new Error(`resolve: ${resolved.statusCode} ${resolved.body}`);
  return number;
}

/** Applies a YAML stream through the API as a manager. */
export function applyYaml(t: TestApp, yaml: string) {
  return t.app.inject({
    method: "POST",
    url: "/api/v1/apply",
    headers: { ...t.as("manager"), "content-type": "application/yaml" },
    payload: yaml,
  });
}
