import assert from "node:assert/strict";
import { stringify } from "yaml";
import { createToken, createUser } from "../../platform/auth/index.ts";
import { loadConfig } from "../../platform/config/config.ts";
import { type JobHandler, mergeJobHandlers, Worker } from "../../platform/jobs/index.ts";
import type { AppDeps } from "../../platform/modules.ts";
import type { Engine } from "../../platform/testing/databases.ts";
import { startTestApp, type TestApp } from "../../platform/testing/test-app.ts";
import { notifyJobHandlers } from "../notify/index.ts";
import { type HttpPeer, type SmtpPeer, startHttpPeer, startSmtpPeer } from "../notify/notify.fixture.ts";
import { modules } from "../registry.ts";
import { auditHandler, auditJobType } from "./auditor.ts";

/**
 * An app on one engine with real SMTP and HTTP peers, and a worker running every module's jobs on the
 * test's FakeClock: time moves only when a test moves it, and `drain` runs what is due at that instant.
 */
export interface EscalationWorld {
  t: TestApp;
  smtp: SmtpPeer;
  http: HttpPeer;
  /** What the auditor logged. */
  warnings: { fields: Record<string, unknown>; message: string }[];
  /** Runs rounds until nothing is due now, awaiting the sends each round started. */
  drain(): Promise<void>;
  /** Moves the clock by `minutes` and drains. */
  advance(minutes: number): Promise<void>;
  apply(...documents: string[]): Promise<void>;
  /** Users with a webhook (to `/hook/<name>`) answered by the HTTP peer, one rule at once. */
  users(...names: string[]): Promise<void>;
  /** A user whose one contact method is e-mail to `address` (the SMTP peer bounces `bounce…`). */
  emailUser(name: string, address: string): Promise<void>;
  declare(title: string, services: string[]): Promise<{ id: string; number: number }>;
  act(id: string, action: "acknowledge" | "resolve"): Promise<void>;
  /** Webhook deliveries per user, in arrival order, as "user level" (level parsed from the body). */
  received(): string[];
  escalation(
    id: string,
  ): Promise<Record<string, unknown> & { status: string; steps: Record<string, unknown>[] }>;
  timeline(id: string): Promise<string[]>;
  close(): Promise<void>;
}

export const doc = (kind: string, name: string, spec: unknown) =>
  stringify({ apiVersion: "opsdeck.dev/v1", kind, metadata: { name }, spec });

export async function startEscalationWorld(engine: Engine): Promise<EscalationWorld> {
  const smtp = await startSmtpPeer();
  const http = await startHttpPeer();
  const env = {
    OPSDECK_SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
    OPSDECK_SMTP_FROM: "opsdeck@example.com",
    OPSDECK_EGRESS_ALLOW: "127.0.0.1/32",
  };
  const t = await startTestApp(engine, env);
  const deps: AppDeps = {
    db: t.database.db,
    clock: t.clock,
    config: loadConfig({ OPSDECK_DATABASE_URL: t.database.url, ...env }),
  };
  const warnings: EscalationWorld["warnings"] = [];
  const handlers: Record<string, JobHandler> = {
    ...mergeJobHandlers(modules.map((m) => m.jobHandlers?.(deps) ?? {})),
    // Short timeouts so a hanging peer costs the test a moment; the auditor's log is read by the test.
    ...notifyJobHandlers(deps, { httpTimeoutMs: 400, smtpTimeoutMs: 2_000 }),
    [auditJobType]: auditHandler(t.clock, {
      warn: (fields, message) => warnings.push({ fields: fields as Record<string, unknown>, message }),
    }),
  };
  const worker = new Worker({
    db: t.database.db,
    clock: t.clock,
    handlers,
    owner: "test",
    leaseMs: 60_000,
    pollMs: 5,
    batch: 50,
  });
  const call = async (method: "GET" | "POST", url: string, payload?: unknown) => {
    const res = await t.app.inject({
      method,
      url,
      headers: t.as("manager"),
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
    assert.ok(res.statusCode < 300, `${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  const addUser = async (name: string, method: Record<string, string>) => {
    await createUser(t.database.db, t.system, { name, email: `${name}@example.com`, role: "responder" });
    const { token } = await createToken(t.database.db, t.system, { user: name, name: "test" });
    const res = await t.app.inject({
      method: "POST",
      url: "/api/v1/me/contact-methods",
      headers: { authorization: `Bearer ${token}` },
      payload: method,
    });
    assert.equal(res.statusCode, 201, res.body);
  };
  const world: EscalationWorld = {
    t,
    smtp,
    http,
    warnings,
    async drain() {
      for (let round = 0; round < 50; round++) {
        const { claimed } = await worker.runDueJobsOnce();
        await worker.afterCommitsSettled();
        if (claimed === 0) return;
      }
      assert.fail("jobs kept coming after 50 rounds");
    },
    async advance(minutes) {
      t.clock.advance(Math.round(minutes * 60_000));
      await world.drain();
    },
    async apply(...documents) {
      const res = await t.app.inject({
        method: "POST",
        url: "/api/v1/apply",
        headers: { ...t.as("manager"), "content-type": "application/yaml" },
        payload: documents.join("---\n"),
      });
      assert.equal(res.statusCode, 200, res.body);
    },
    async users(...names) {
      for (const name of names) await addUser(name, { type: "webhook", url: http.url(`/hook/${name}`) });
    },
    emailUser: (name, address) => addUser(name, { type: "email", address }),
    async declare(title, services) {
      const body = await call("POST", "/api/v1/incidents", { title, services, severity: "SEV2" });
      return { id: body.id, number: body.number };
    },
    async act(id, action) {
      await call("POST", `/api/v1/incidents/${id}/${action}`, {});
    },
    received: () =>
      http.requests
        .filter((r) => r.path.startsWith("/hook/"))
        .map((r) => {
          const level = /level (\d+)/.exec(JSON.parse(r.body).data.body)?.[1];
          return `${r.path.slice("/hook/".length)} ${level}`;
        }),
    escalation: (id) => call("GET", `/api/v1/incidents/${id}/escalation`),
    async timeline(id) {
      const body = await call("GET", `/api/v1/incidents/${id}/timeline`);
      return (body.items as { kind: string; text: string }[])
        .filter((e) => e.kind === "escalation")
        .map((e) => e.text);
    },
    async close() {
      await worker.stop();
      for (const res of http.hanging) res.destroy();
      await t.close();
      await http.close();
      await smtp.close();
    },
  };
  return world;
}
