import assert from "node:assert/strict";
import type { InjectOptions } from "fastify";
import { stringify } from "yaml";
import type { Role } from "../../platform/context.ts";
import type { TestApp } from "../../platform/testing/test-app.ts";

/** Test helpers: manifests as YAML text, applied and read through the HTTP API like a client would. */

export function userDocs(names: string[]): string {
  return names
    .map((name) =>
      stringify({
        apiVersion: "opsdeck.dev/v1",
        kind: "User",
        metadata: { name },
        spec: { email: `${name}@example.com`, role: "responder" },
      }),
    )
    .join("---\n");
}

export function scheduleDoc(name: string, spec: unknown): string {
  return stringify({ apiVersion: "opsdeck.dev/v1", kind: "Schedule", metadata: { name }, spec });
}

/** POST /api/v1/apply with a YAML stream, as a manager. */
export async function applyYaml(t: TestApp, ...documents: string[]) {
  return t.app.inject({
    method: "POST",
    url: "/api/v1/apply",
    headers: { ...t.as("manager"), "content-type": "application/yaml" },
    payload: documents.join("---\n"),
  });
}

export async function applyOk(t: TestApp, ...documents: string[]): Promise<void> {
  const res = await applyYaml(t, ...documents);
  assert.equal(res.statusCode, 200, res.body);
}

/** Shifts through the API as "user start end", seconds and milliseconds dropped when zero (easy to read). */
export async function shiftLines(t: TestApp, schedule: string, from: string, to: string): Promise<string[]> {
  const res = await t.app.inject({
    url: `/api/v1/schedules/${schedule}/shifts?from=${from}&to=${to}`,
    headers: t.as("viewer"),
  });
  assert.equal(res.statusCode, 200, res.body);
  const short = (iso: string) => iso.replace(":00.000Z", "Z");
  return (res.json().shifts as { user: string; start: string; end: string }[]).map(
    (s) => `${s.user} ${short(s.start)} ${short(s.end)}`,
  );
}

export async function onCall(t: TestApp, schedule: string, at: string): Promise<string | null> {
  const res = await t.app.inject({
    url: `/api/v1/schedules/${schedule}/oncall?at=${encodeURIComponent(at)}`,
    headers: t.as("viewer"),
  });
  assert.equal(res.statusCode, 200, res.body);
  return res.json().user;
}

/** A JSON request as one of the test app's role users. */
export function call(
  t: TestApp,
  role: Role,
  method: "GET" | "POST" | "PUT" | "DELETE",
  url: string,
  payload?: Record<string, unknown>,
) {
  const options: InjectOptions = { method, url, headers: t.as(role), ...(payload ? { payload } : {}) };
  return t.app.inject(options);
}

/** The field paths a 400 problem names. */
export function problemPaths(body: { errors?: { path: string }[] }): string[] {
  return (body.errors ?? []).map((e) => e.path);
}
