import assert from "node:assert/strict";
import { once } from "node:events";
import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { SMTPServer } from "smtp-server";
import { createToken, createUser } from "../../platform/auth/index.ts";
import { loadConfig } from "../../platform/config/config.ts";
import { type JobHandler, Worker } from "../../platform/jobs/index.ts";
import type { Engine } from "../../platform/testing/databases.ts";
import { startTestApp, type TestApp } from "../../platform/testing/test-app.ts";
import { type DeliveryOptions, notifyJobHandlers } from "./delivery.ts";

/** One mail as the SMTP peer received it. */
export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
}

/** A real SMTP server on 127.0.0.1 (the `smtp-server` package). Recipients starting `bounce` get 550. */
export async function startSmtpPeer() {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (address.address.startsWith("bounce"))
        return callback(Object.assign(new Error("mailbox unavailable"), { responseCode: 550 }));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString("utf8"),
        });
        callback();
      });
    },
  });
  server.listen(0, "127.0.0.1");
  await once(server.server, "listening");
  const port = (server.server.address() as AddressInfo).port;
  return { port, mails, close: () => new Promise<void>((r) => server.close(() => r())) };
}

export interface ReceivedRequest {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** How the HTTP peer answers one request; `hang` never answers (the socket stays open). */
export type Answer = { status: number; body?: string; headers?: Record<string, string> } | "hang";

/** A local HTTP receiver for Slack and webhook calls; `answer` decides per request, 200 "ok" by default. */
export async function startHttpPeer() {
  const requests: ReceivedRequest[] = [];
  const hanging: ServerResponse[] = [];
  const peer = {
    requests,
    hanging,
    answer: (_r: ReceivedRequest): Answer => ({ status: 200, body: "ok" }),
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    on: (path: string) => requests.filter((r) => r.path === path),
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, "close");
    },
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const received = { path: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString() };
      requests.push(received);
      const answer = peer.answer(received);
      if (answer === "hang") return void hanging.push(res);
      res.writeHead(answer.status, answer.headers ?? {});
      res.end(answer.body ?? "");
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const port = (server.address() as AddressInfo).port;
  return peer;
}

export type HttpPeer = Awaited<ReturnType<typeof startHttpPeer>>;
export type SmtpPeer = Awaited<ReturnType<typeof startSmtpPeer>>;

/** Polls until `check` holds: for real network arrivals only (bounded), never for time-dependent logic. */
export async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 5_000) {
  const deadline = performance.now() + timeoutMs;
  while (!(await check())) {
    if (performance.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

/** The app, its peers, and a worker running only the notify jobs, on one engine. */
export interface NotifyWorld {
  t: TestApp;
  smtp: SmtpPeer;
  http: HttpPeer;
  /** Notify handlers for an environment (egress allowed to 127.0.0.1 unless overridden). */
  handlers(env?: Record<string, string>, options?: DeliveryOptions): Record<string, JobHandler>;
  worker(handlers?: Record<string, JobHandler>): Worker;
  /** Runs rounds until nothing due is left, awaiting the sends each round started. */
  drain(worker?: Worker): Promise<void>;
  /** A new user with a token, so each test starts without contact methods or rules. */
  user(name: string): Promise<{ name: string; headers: { authorization: string } }>;
  addMethod(
    headers: { authorization: string },
    body: Record<string, unknown>,
  ): Promise<{ id: string; signingSecret: string | null }>;
  close(): Promise<void>;
}

export async function startNotifyWorld(engine: Engine): Promise<NotifyWorld> {
  const smtp = await startSmtpPeer();
  const http = await startHttpPeer();
  const env = {
    OPSDECK_SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
    OPSDECK_SMTP_FROM: "opsdeck@example.com",
    OPSDECK_EGRESS_ALLOW: "127.0.0.1/32",
  };
  const t = await startTestApp(engine, env);
  const world: NotifyWorld = {
    t,
    smtp,
    http,
    handlers: (overrides = {}, options = { httpTimeoutMs: 400 }) =>
      notifyJobHandlers(
        {
          db: t.database.db,
          clock: t.clock,
          config: loadConfig({ OPSDECK_DATABASE_URL: t.database.url, ...env, ...overrides }),
        },
        options,
      ),
    worker: (handlers = world.handlers()) =>
      new Worker({
        db: t.database.db,
        clock: t.clock,
        handlers,
        owner: "test",
        leaseMs: 60_000,
        pollMs: 5,
        batch: 50,
      }),
    async drain(worker = world.worker()) {
      for (let round = 0; round < 20; round++) {
        const { claimed } = await worker.runDueJobsOnce();
        await worker.afterCommitsSettled();
        if (claimed === 0) return;
      }
      assert.fail("jobs kept coming after 20 rounds");
    },
    async user(name) {
      await createUser(t.database.db, t.system, {
        name,
        email: `${name}@example.com`,
        role: "responder",
      });
      const { token } = await createToken(t.database.db, t.system, { user: name, name: "test" });
      return { name, headers: { authorization: `Bearer ${token}` } };
    },
    async addMethod(headers, body) {
      const res = await t.app.inject({
        method: "POST",
        url: "/api/v1/me/contact-methods",
        headers,
        payload: body,
      });
      assert.equal(res.statusCode, 201, res.body);
      return res.json();
    },
    async close() {
      for (const res of http.hanging) res.destroy();
      await t.close();
      await http.close();
      await smtp.close();
    },
  };
  return world;
}
