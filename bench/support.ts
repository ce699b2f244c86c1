import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

/** The repository root: server and CLI start here, so relative defaults resolve as in production. */
export const repoRoot = fileURLToPath(new URL("..", import.meta.url));
const cliPath = join(repoRoot, "bin", "opsdeck.js");

/** A database a benchmark owns for its run and throws away afterwards. */
export interface BenchDatabase {
  engine: "sqlite" | "postgres";
  url: string;
  drop(): Promise<void>;
}

/** A SQLite file in a fresh temporary directory (the server creates and migrates it). */
export function createSqliteDatabase(): BenchDatabase {
  const dir = mkdtempSync(join(tmpdir(), "opsdeck-bench-"));
  return {
    engine: "sqlite",
    url: `sqlite:${join(dir, "bench.db")}`,
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** An empty PostgreSQL database next to the one `baseUrl` names; dropped with `with (force)`. */
export async function createPostgresDatabase(baseUrl: string): Promise<BenchDatabase> {
  const name = `opsdeck_bench_${randomBytes(6).toString("hex")}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: baseUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`create database ${name}`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    engine: "postgres",
    url: url.toString(),
    drop: () => admin(`drop database if exists ${name} with (force)`),
  };
}

/** A TCP port that was free a moment ago (the OS picks it; the server binds it right after). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * The child's whole environment. Built explicitly rather than inherited so that a developer's own
 * OPSDECK_* settings cannot change what a benchmark measures.
 */
function childEnv(databaseUrl: string, extra: Record<string, string>): Record<string, string> {
  return { OPSDECK_DATABASE_URL: databaseUrl, OPSDECK_LOG_LEVEL: "warn", ...extra };
}

export interface RunningServer {
  pid: number;
  baseUrl: string;
  /** From spawn to the first 200 from /readyz. */
  startupMs: number;
  /** SIGTERM, then resolves with the exit code once the process has gone. */
  stop(): Promise<number | null>;
}

/** Starts `opsdeck serve` as a real process on a free port and waits until /readyz answers 200. */
export async function startServer(
  databaseUrl: string,
  extraEnv: Record<string, string> = {},
  timeoutMs = 60_000,
): Promise<RunningServer> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const env = childEnv(databaseUrl, { OPSDECK_HOST: "127.0.0.1", OPSDECK_PORT: String(port), ...extraEnv });
  const started = performance.now();
  // process.execPath is the Node 24 running this script, so bin/opsdeck.js runs the server in this
  // very process (no wrapper): the PID we measure and signal is the server's.
  const child = spawn(process.execPath, [cliPath, "serve"], { cwd: repoRoot, env, stdio: "pipe" });
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString("utf8")).slice(-8_000);
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

  const deadline = started + timeoutMs;
  while (performance.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`server exited with ${child.exitCode} during start:\n${output}`);
    if (await answers200(`${baseUrl}/readyz`)) {
      return {
        pid: child.pid ?? 0,
        baseUrl,
        startupMs: performance.now() - started,
        stop: () => stopProcess(child, exited),
      };
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  child.kill("SIGKILL");
  throw new Error(`server did not become ready within ${timeoutMs} ms:\n${output}`);
}

/** True when `url` answers 200 within 2 s (a readiness probe). */
export async function answers200(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    await res.arrayBuffer();
    return res.status === 200;
  } catch {
    return false;
  }
}

async function stopProcess(child: ChildProcess, exited: Promise<number | null>): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
  child.kill("SIGTERM");
  // The server promises to be gone within 10 s; past that, do not leave it behind.
  const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
  try {
    return await exited;
  } finally {
    clearTimeout(timer);
  }
}

/** Runs one CLI command against `databaseUrl`; resolves with its stdout, rejects with its stderr. */
export function runCli(databaseUrl: string, args: string[], stdin = ""): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, ...args], {
      cwd: repoRoot,
      env: childEnv(databaseUrl, {}),
      stdio: "pipe",
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (c: Buffer) => {
      out += c.toString("utf8");
    });
    child.stderr.on("data", (c: Buffer) => {
      err += c.toString("utf8");
    });
    child.once("error", reject);
    child.once("exit", (code) =>
      code === 0 ? resolve(out) : reject(new Error(`opsdeck ${args.join(" ")} exited ${code}:\n${err}`)),
    );
    child.stdin.end(stdin);
  });
}

/** Resident memory of a process in MiB: now (VmRSS) and the high-water mark since it started (VmHWM). */
export function memoryOf(pid: number): { rssMiB: number; peakMiB: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? NaN);
  return { rssMiB: kib("VmRSS") / 1024, peakMiB: kib("VmHWM") / 1024 };
}

/** Prints rows as an aligned table: numeric columns right-aligned, text left-aligned. */
export function printTable(rows: Record<string, string | number>[], columns: string[]): void {
  const numeric = columns.map((c) => rows.some((r) => typeof r[c] === "number"));
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c] ?? "").length)));
  const line = (values: string[]) =>
    values
      .map((v, i) => (numeric[i] ? v.padStart(widths[i] ?? 0) : v.padEnd(widths[i] ?? 0)))
      .join("  ")
      .trimEnd();
  process.stdout.write(`${line(columns)}\n`);
  process.stdout.write(`${line(widths.map((w) => "-".repeat(w)))}\n`);
  for (const r of rows) process.stdout.write(`${line(columns.map((c) => String(r[c] ?? "")))}\n`);
}

/** The p-th percentile (nearest rank) of some timings; 0 when there are none. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

/** Runs `work` and says how long it took, in ms, with what it returned. */
export async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await work();
  return { ms: performance.now() - start, value };
}

/** Rounds for display: a benchmark prints figures, it does not pretend to more precision than it has. */
export function round(value: number, digits = 0): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** The slice of autocannon's programmatic API used here (the package ships no types). */
interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  errors: number;
  non2xx: number;
}
type Autocannon = (options: {
  url: string;
  connections: number;
  duration: number;
  headers?: Record<string, string>;
}) => Promise<AutocannonResult>;
const autocannon = createRequire(import.meta.url)("autocannon") as Autocannon;

export interface LoadResult {
  requestsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  /** Socket errors, timeouts included (autocannon counts a timeout as an error too). */
  errors: number;
  non2xx: number;
  total: number;
}

/** Drives `url` with autocannon for `seconds` over `connections` keep-alive connections. */
export async function load(
  url: string,
  options: { connections: number; seconds: number; headers?: Record<string, string> },
): Promise<LoadResult> {
  const r = await autocannon({
    url,
    connections: options.connections,
    duration: options.seconds,
    headers: options.headers,
  });
  return {
    requestsPerSec: r.requests.average,
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    errors: r.errors,
    non2xx: r.non2xx,
    total: r.requests.total,
  };
}
