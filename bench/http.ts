import { testDatabaseUrl } from "../src/platform/config/config.ts";
import {
  type BenchDatabase,
  createPostgresDatabase,
  createSqliteDatabase,
  load,
  memoryOf,
  printTable,
  round,
  runCli,
  startServer,
} from "./support.ts";

const connections = 64;
const seconds = 10;
/** Unreported load first, so the measured run sees JIT-compiled code and warm pools, not start-up. */
const warmupSeconds = 2;
const adminEmail = "bench-admin@example.com";

interface Endpoint {
  name: string;
  path: string;
  authenticated: boolean;
}

const endpoints: Endpoint[] = [
  { name: "GET /healthz", path: "/healthz", authenticated: false },
  { name: "GET /api/v1/teams", path: "/api/v1/teams", authenticated: true },
];

type Row = Record<string, string | number>;

/** One engine: real server process, admin + token through the CLI, demo data, then load per endpoint. */
async function measureEngine(database: BenchDatabase): Promise<Row[]> {
  const server = await startServer(database.url);
  try {
    await runCli(
      database.url,
      ["user", "create", "--email", adminEmail, "--role", "admin", "--password-stdin"],
      "bench-password-not-secret\n",
    );
    const created = JSON.parse(
      await runCli(database.url, ["token", "create", "--email", adminEmail, "--name", "bench", "--json"]),
    ) as { token: string };
    await runCli(database.url, ["demo"]);

    const rows: Row[] = [];
    for (const endpoint of endpoints) {
      const url = `${server.baseUrl}${endpoint.path}`;
      const headers: Record<string, string> = endpoint.authenticated
        ? { authorization: `Bearer ${created.token}` }
        : {};
      process.stderr.write(`${database.engine} ${endpoint.name}: ${connections} connections, ${seconds} s\n`);
      await load(url, { connections, seconds: warmupSeconds, headers });
      const r = await load(url, { connections, seconds, headers });
      const memory = memoryOf(server.pid);
      rows.push({
        engine: database.engine,
        endpoint: endpoint.name,
        "start ms": round(server.startupMs),
        "req/s": round(r.requestsPerSec),
        "p50 ms": r.p50Ms,
        "p99 ms": r.p99Ms,
        requests: r.total,
        errors: r.errors,
        "non-2xx": r.non2xx,
        "rss MiB": round(memory.rssMiB, 1),
        "peak MiB": round(memory.peakMiB, 1),
      });
    }
    return rows;
  } finally {
    await server.stop();
  }
}

/** `npm run bench -- http`: HTTP throughput and latency of the real server on SQLite and PostgreSQL. */
export async function run(): Promise<void> {
  const databases: (() => Promise<BenchDatabase>)[] = [async () => createSqliteDatabase()];
  const pgUrl = testDatabaseUrl();
  if (pgUrl) databases.push(() => createPostgresDatabase(pgUrl));
  else
    process.stderr.write(
      "\n*** OPSDECK_TEST_DATABASE_URL is not set: the PostgreSQL rows are SKIPPED ***\n\n",
    );

  const rows: Row[] = [];
  for (const create of databases) {
    const database = await create();
    try {
      rows.push(...(await measureEngine(database)));
    } finally {
      await database.drop();
    }
  }
  process.stdout.write(
    `\nopsdeck serve, ${connections} connections, ${seconds} s per row after ${warmupSeconds} s warm-up; ` +
      "load generator in this process on the same machine; start = spawn to first 200 from /readyz on " +
      "an empty database (migrations included)\n\n",
  );
  printTable(rows, [
    "engine",
    "endpoint",
    "start ms",
    "req/s",
    "p50 ms",
    "p99 ms",
    "requests",
    "errors",
    "non-2xx",
    "rss MiB",
    "peak MiB",
  ]);
}
