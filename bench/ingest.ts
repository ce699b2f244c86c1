import { spawn } from "node:child_process";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { fingerprintOf } from "../src/modules/alerts/index.ts";
import { testDatabaseUrl } from "../src/platform/config/config.ts";
import { startAlertmanager } from "../test/e2e/alertmanager-process.ts";
import { prepareSender } from "../test/e2e/ingest-fixture.ts";
import {
  type BenchDatabase,
  createPostgresDatabase,
  createSqliteDatabase,
  memoryOf,
  printTable,
  round,
  startServer,
} from "./support.ts";

const connections = 64;
const seconds = 10;
const warmupSeconds = 2;
const preloadAlerts = 10_000;
const groupSize = 20;
/** Alerts per request in the Prometheus-shaped rows: its notifier posts up to 64 per request. */
const prometheusBatch = 64;

/** Single alerts, Prometheus-shaped batches to the Alertmanager API, or Alertmanager's grouped webhooks. */
type Kind = "v2" | "v2-batch" | "webhook";
const alertsPerRequest: Record<Kind, number> = { v2: 1, "v2-batch": prometheusBatch, webhook: groupSize };
const requestLabel: Record<Kind, string> = {
  v2: "POST /api/v2/alerts, 1 alert",
  "v2-batch": `POST /api/v2/alerts, ${prometheusBatch} alerts`,
  webhook: `AM webhook, ${groupSize} alerts`,
};

/** The slice of autocannon's API used here (the package ships no types); see bench/support.ts. */
interface Request {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
  setupRequest(request: Request): Request;
}
interface Result {
  "2xx": number;
  non2xx: number;
  errors: number;
  duration: number;
  latency: { p50: number; p99: number };
}
type Autocannon = (options: {
  url: string;
  connections: number;
  duration: number;
  requests: Partial<Request>[];
}) => Promise<Result>;
const autocannon = createRequire(import.meta.url)("autocannon") as Autocannon;

/** Grows across every run so that no request repeats an alert: each one is a new alert, not a re-send. */
let sequence = 0;

function postable(): unknown {
  const n = sequence++;
  return { labels: { alertname: "BenchLoad", instance: `host-${n}` }, annotations: { summary: "bench" } };
}

function webhook(): string {
  const n = sequence++;
  const alerts = Array.from({ length: groupSize }, (_, i) => firing("BenchGroup", `host-${n}-${i}`, "bench"));
  return envelope("BenchGroup", alerts);
}

/** One firing alert as Alertmanager's webhook carries it. */
function firing(alertname: string, instance: string, summary: string) {
  const labels = { alertname, instance };
  return {
    status: "firing",
    labels,
    annotations: { summary },
    startsAt: new Date().toISOString(),
    endsAt: "0001-01-01T00:00:00Z",
    generatorURL: "http://prometheus.invalid/graph",
    // Hashed as Alertmanager does, not a counter: sequential keys would land at the end of the open-alert
    // index, a cheaper insert than real senders get.
    fingerprint: fingerprintOf(labels),
  };
}

/** An Alertmanager webhook (version 4) around `alerts`, grouped by alertname as Alertmanager would. */
function envelope(alertname: string, alerts: unknown[]): string {
  return JSON.stringify({
    version: "4",
    groupKey: `{}:{alertname="${alertname}"}`,
    status: "firing",
    receiver: "opsdeck",
    groupLabels: { alertname },
    commonLabels: { alertname },
    commonAnnotations: {},
    externalURL: "http://alertmanager.invalid:9093",
    alerts,
  });
}

interface Target {
  target: string;
  pid: number;
  url: string;
  key?: string;
}

interface Measured {
  alertsPerSec: number;
  /** CPU time (user + system, every thread) the receiving process spent per accepted alert. */
  cpuUsPerAlert: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
}

/** `groupSize` alerts per webhook request, one per v2 request; unique alerts built per request. */
async function drive(t: Target, kind: Kind, duration: number): Promise<Measured> {
  const url = new URL(t.url);
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (t.key) headers.authorization = `Bearer ${t.key}`;
  const cpuBefore = cpuMicros(t.pid);
  const r = await autocannon({
    url: url.origin,
    connections,
    duration,
    requests: [
      {
        method: "POST",
        path: url.pathname,
        headers,
        setupRequest: (request) => {
          request.body =
            kind === "webhook"
              ? webhook()
              : JSON.stringify(Array.from({ length: alertsPerRequest[kind] }, postable));
          return request;
        },
      },
    ],
  });
  const alerts = r["2xx"] * alertsPerRequest[kind];
  return {
    alertsPerSec: alerts / r.duration,
    cpuUsPerAlert: (cpuMicros(t.pid) - cpuBefore) / Math.max(alerts, 1),
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    errors: r.errors,
    non2xx: r.non2xx,
  };
}

/** User + system CPU time of a process so far, all its threads, in µs (from /proc: clock ticks of 10 ms). */
function cpuMicros(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
}

/** 10,000 open alerts in batches of 500, so the load runs against a realistically full open set. */
async function preload(url: string, key: string | undefined, kind: "v2" | "webhook"): Promise<void> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (key) headers.authorization = `Bearer ${key}`;
  for (let done = 0; done < preloadAlerts; done += 500) {
    const batch = Array.from({ length: 500 }, (_, i) =>
      firing("BenchPreload", `pre-${done + i}`, "preloaded"),
    );
    const body =
      kind === "v2"
        ? JSON.stringify(batch.map(({ labels, annotations }) => ({ labels, annotations })))
        : envelope("BenchPreload", batch);
    const res = await fetch(url, { method: "POST", headers, body });
    if (!res.ok) throw new Error(`preload to ${url}: ${res.status} ${await res.text()}`);
  }
}

type Row = Record<string, string | number>;

async function rowsFor(t: Target, kinds: Kind[]): Promise<Row[]> {
  const rows: Row[] = [];
  for (const kind of kinds) {
    process.stderr.write(`${t.target} ${kind}: ${connections} connections, ${seconds} s\n`);
    await drive(t, kind, warmupSeconds);
    const m = await drive(t, kind, seconds);
    rows.push({
      target: t.target,
      request: requestLabel[kind],
      "alerts/s": round(m.alertsPerSec),
      "p50 ms": m.p50Ms,
      "p99 ms": m.p99Ms,
      "cpu µs/alert": round(m.cpuUsPerAlert),
      errors: m.errors,
      "non-2xx": m.non2xx,
      "peak MiB": round(memoryOf(t.pid).peakMiB, 1),
    });
  }
  return rows;
}

async function measureAlertmanager(): Promise<Row[]> {
  // A receiver without integrations: Alertmanager stores and groups the alerts but sends nothing.
  const am = await startAlertmanager(
    JSON.stringify({ route: { receiver: "null", group_by: ["alertname"] }, receivers: [{ name: "null" }] }),
  );
  try {
    const url = `${am.baseUrl}/api/v2/alerts`;
    await preload(url, undefined, "v2");
    return await rowsFor({ target: "alertmanager 0.25", pid: am.pid, url }, ["v2", "v2-batch"]);
  } finally {
    await am.stop();
  }
}

/**
 * A receiver that stores nothing, under the same single-alert load: `node:http` parsing each body
 * (bench/ceiling-server.ts, the most any one Node process answers here) and Fastify with zod and opsdeck's
 * own Alertmanager schema and conversion (bench/ceiling-fastify.ts, the floor of the architecture's stack).
 */
async function measureCeiling(script: string, target: string, request: string): Promise<Row[]> {
  const path = fileURLToPath(new URL(script, import.meta.url));
  const child = spawn(process.execPath, [path], { stdio: ["ignore", "pipe", "inherit"] });
  try {
    const [first] = (await once(child.stdout, "data")) as [Buffer];
    const url = `http://127.0.0.1:${first.toString("utf8").trim()}/api/v2/alerts`;
    const rows = await rowsFor({ target, pid: child.pid ?? 0, url }, ["v2"]);
    for (const row of rows) row.request = request;
    return rows;
  } finally {
    child.kill("SIGTERM");
    await once(child, "exit");
  }
}

async function measureOpsdeck(database: BenchDatabase): Promise<Row[]> {
  const server = await startServer(database.url);
  try {
    const sender = await prepareSender(server.baseUrl, database.url, "bench-am");
    await preload(sender.url, sender.key, "webhook");
    const v2 = { target: `opsdeck ${database.engine}`, pid: server.pid, key: sender.key };
    return [
      ...(await rowsFor({ ...v2, url: `${server.baseUrl}/api/v2/alerts` }, ["v2", "v2-batch"])),
      ...(await rowsFor({ ...v2, url: sender.url }, ["webhook"])),
    ];
  } finally {
    await server.stop();
  }
}

/** `npm run bench -- ingest`: alert intake of opsdeck (SQLite, PostgreSQL) next to the real Alertmanager. */
export async function run(): Promise<void> {
  const databases: (() => Promise<BenchDatabase>)[] = [async () => createSqliteDatabase()];
  const pgUrl = testDatabaseUrl();
  if (pgUrl) databases.push(() => createPostgresDatabase(pgUrl));
  else
    process.stderr.write(
      "\n*** OPSDECK_TEST_DATABASE_URL is not set: the PostgreSQL rows are SKIPPED ***\n\n",
    );

  const rows = await measureAlertmanager();
  rows.push(
    ...(await measureCeiling("./ceiling-server.ts", "node:http, parse only", "the same, not stored")),
  );
  rows.push(
    ...(await measureCeiling(
      "./ceiling-fastify.ts",
      "fastify+zod, no store",
      "the same, validated, not stored",
    )),
  );
  for (const create of databases) {
    const database = await create();
    try {
      rows.push(...(await measureOpsdeck(database)));
    } finally {
      await database.drop();
    }
  }
  // Each row against Alertmanager taking the same request shape; webhooks (which Alertmanager sends, not
  // takes) and the no-store receivers against its single-alert row, as the issue states the goal.
  const alertmanager = rows.filter((r) => r.target === rows[0]?.target);
  for (const row of rows) {
    const peer = alertmanager.find((r) => r.request === row.request) ?? alertmanager[0];
    row["vs AM"] = round(Number(row["alerts/s"]) / Number(peer?.["alerts/s"]), 2);
  }
  process.stdout.write(
    `\n${connections} connections, ${seconds} s per row after ${warmupSeconds} s warm-up, ` +
      `${preloadAlerts} open alerts preloaded; every request carries new alerts; alerts/s counts 2xx ` +
      "answers only; load generator in this process on the same machine; vs AM = alerts/s ÷ Alertmanager's " +
      "for the same request (its single-alert rate for webhooks and the receivers that store nothing); " +
      "node:http = one Node process that only parses each body (the ceiling of any single-process Node receiver); " +
      "fastify+zod = opsdeck's HTTP stack and Alertmanager schema without authentication or storage; " +
      "cpu µs/alert = CPU time of the receiving process (all threads, user + system) per accepted alert\n\n",
  );
  printTable(rows, [
    "target",
    "request",
    "alerts/s",
    "p50 ms",
    "p99 ms",
    "cpu µs/alert",
    "errors",
    "non-2xx",
    "peak MiB",
    "vs AM",
  ]);
}
