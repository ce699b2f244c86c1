import assert from "node:assert/strict";
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it, type TestContext } from "node:test";
import { fileURLToPath } from "node:url";
import { describeVariables } from "../../src/platform/config/config.ts";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
const cliPath = join(repoRoot, "bin", "opsdeck.js");

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/**
 * Runs the CLI as a real process with exactly `env` (not the developer's environment), on the Node 24
 * running the tests, so bin/opsdeck.js serves in-process and SIGTERM reaches the server itself.
 */
function opsdeck(
  t: TestContext,
  args: string[],
  env: Record<string, string>,
): ChildProcessWithoutNullStreams {
  const child = spawn(process.execPath, [cliPath, ...args], { cwd: repoRoot, env, stdio: "pipe" });
  // Keep the pipes flowing even before anyone listens: a full pipe would block the server's logger.
  child.stdout.resume();
  child.stderr.resume();
  t.after(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  });
  return child;
}

/** Resolves when the child logs a JSON line whose `msg` is `message`: the server's own signal, no sleep. */
function logged(child: ChildProcessWithoutNullStreams, message: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let buffered = "";
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString("utf8");
      const lines = buffered.split("\n");
      buffered = lines.pop() ?? "";
      for (const line of lines) {
        if (!line.startsWith("{")) continue;
        if ((JSON.parse(line) as { msg?: string }).msg === message) {
          child.stdout.off("data", onData);
          resolve();
        }
      }
    };
    child.stdout.on("data", onData);
    child.once("exit", (code) => reject(new Error(`exited (${code}) before logging "${message}"`)));
  });
}

interface Answer {
  status: number;
  contentType: string;
  body: string;
}

/** One request on its own connection, so no pooled keep-alive socket outlives the server. */
function request(port: number, method: string, path: string, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, method, path, agent: false }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => {
        text += c;
      });
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          contentType: String(res.headers["content-type"]),
          body: text,
        }),
      );
    });
    req.once("error", reject);
    req.end(body);
  });
}

async function waitUntilReady(child: ChildProcessWithoutNullStreams, port: number): Promise<void> {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode} during start`);
    const ready = await request(port, "GET", "/readyz").then(
      (a) => a.status === 200,
      () => false,
    );
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("the real server process", () => {
  it("drains on SIGTERM: 503 for new requests, the in-flight one finishes, exit 0 within 10 s", async (t) => {
    const dir = mkdtempSync(join(tmpdir(), "opsdeck-e2e-"));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const port = await freePort();
    const server = opsdeck(t, ["serve"], {
      OPSDECK_DATABASE_URL: `sqlite:${join(dir, "e2e.db")}`,
      OPSDECK_HOST: "127.0.0.1",
      OPSDECK_PORT: String(port),
      // info, because the test waits for the "shutting down" log line.
      OPSDECK_LOG_LEVEL: "info",
    });
    const exited = once(server, "exit") as Promise<[number | null, NodeJS.Signals | null]>;
    await waitUntilReady(server, port);

    // A login whose body arrives slowly. Expect: 100-continue makes the server confirm it has taken the
    // request (headers parsed, request dispatched) before the test goes on: no sleep, no guessing.
    const body = JSON.stringify({ email: "nobody@example.com", password: "not-the-password" });
    const half = Math.floor(body.length / 2);
    const slow = http.request({
      host: "127.0.0.1",
      port,
      method: "POST",
      path: "/api/v1/auth/login",
      agent: false,
      headers: {
        "content-type": "application/json",
        "content-length": Buffer.byteLength(body),
        expect: "100-continue",
      },
    });
    // A connection error becomes a value: an early failure is then reported, not an unhandled rejection.
    const slowAnswer = once(slow, "response").then(
      async (args) => {
        const res = args[0] as http.IncomingMessage;
        let text = "";
        for await (const chunk of res) text += String(chunk);
        return { status: res.statusCode, body: text };
      },
      (error: unknown) => ({ status: 0, body: String(error) }),
    );
    slow.flushHeaders();
    await once(slow, "continue");
    slow.write(body.slice(0, half));

    const shuttingDown = logged(server, "shutting down: finishing in-flight requests");
    const signalledAt = performance.now();
    server.kill("SIGTERM");
    await shuttingDown;

    const fresh = await request(port, "GET", "/api/v1/setup");
    assert.equal(fresh.status, 503);
    assert.match(fresh.contentType, /^application\/problem\+json/);
    assert.equal((JSON.parse(fresh.body) as { status: number }).status, 503);
    const readyz = await request(port, "GET", "/readyz");
    assert.notEqual(readyz.status, 200);

    slow.end(body.slice(half));
    const answer = await slowAnswer;
    assert.equal(answer.status, 401, `in-flight login answered ${answer.status}: ${answer.body}`);

    const [code, signal] = await exited;
    const exitMs = performance.now() - signalledAt;
    assert.equal(signal, null);
    assert.equal(code, 0);
    // The one wall-clock assertion: the hard requirement that the process is gone within 10 s of SIGTERM.
    assert.ok(exitMs < 10_000, `exited ${Math.round(exitMs)} ms after SIGTERM`);
  });

  it("refuses to start on a wrong config value, naming the variable and its expected form", async (t) => {
    const server = opsdeck(t, ["serve"], { OPSDECK_PORT: "abc" });
    let stderr = "";
    server.stderr.on("data", (c: Buffer) => {
      stderr += c.toString("utf8");
    });
    // Bounded: a server that wrongly started would otherwise hang the suite.
    const guard = setTimeout(() => server.kill("SIGKILL"), 20_000);
    const [code] = (await once(server, "exit")) as [number | null];
    clearTimeout(guard);
    assert.notEqual(code, 0);
    assert.notEqual(code, null, "the process was killed: it did not stop on the wrong value");
    const form = describeVariables().find((v) => v.name === "OPSDECK_PORT")?.form ?? "";
    assert.match(stderr, /OPSDECK_PORT/);
    assert.ok(form !== "" && stderr.includes(form), `stderr does not state the expected form:\n${stderr}`);
  });
});
