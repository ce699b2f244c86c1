import "../src/modules/registry.ts";
import { sql } from "kysely";
import { computeKpis, monthlyReport } from "../src/modules/kpis/index.ts";
import { reportHtml } from "../src/modules/kpis/report-html.ts";
import { allMigrations } from "../src/modules/registry.ts";
import { systemClock } from "../src/platform/clock.ts";
import { testDatabaseUrl } from "../src/platform/config/config.ts";
import { type Database, openDatabase } from "../src/platform/db/database.ts";
import { migrateToLatest } from "../src/platform/db/migrations.ts";
import {
  type BenchDatabase,
  createPostgresDatabase,
  createSqliteDatabase,
  percentile,
  printTable,
  round,
  timed,
} from "./support.ts";

/** KPIS_BENCH_SCALE=0.1 for a quick run (10,000 incidents, 100,000 alerts). */
const scale = Number(process.env.KPIS_BENCH_SCALE ?? 1);
const incidents = Math.round(100_000 * scale);
const alerts = Math.round(1_000_000 * scale);
const pages = Math.round(50_000 * scale);
const users = 50;
const services = 50;
const batch = 100_000;
const kpiRuns = 20;
const reportRuns = 5;
/** 2026-01-01T00:00:00Z: the seeded year; the measured quarter is 2026-07-01 to 2026-10-01. */
const yearStart = 1_767_225_600;
const yearSeconds = 365 * 86_400;

type Engine = "sqlite" | "postgres";

/** An epoch-seconds SQL expression as the ISO text opsdeck stores (`2026-07-01T10:00:00.000Z`). */
function iso(engine: Engine, seconds: string): string {
  return engine === "sqlite"
    ? `strftime('%Y-%m-%dT%H:%M:%fZ', ${seconds}, 'unixepoch')`
    : `to_char(to_timestamp(${seconds}) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

const pad = (engine: Engine, n: string) =>
  engine === "sqlite" ? `printf('%09d', ${n})` : `lpad((${n})::text, 9, '0')`;

/** `INSERT … SELECT` over the numbers lo..hi: a recursive CTE on SQLite, generate_series on PostgreSQL. */
function insertSeries(
  engine: Engine,
  table: string,
  columns: string,
  select: string,
  lo: number,
  hi: number,
) {
  return engine === "sqlite"
    ? `WITH RECURSIVE s(n) AS (SELECT ${lo} UNION ALL SELECT n + 1 FROM s WHERE n < ${hi}) INSERT INTO ${table} (${columns}) SELECT ${select} FROM s`
    : `INSERT INTO ${table} (${columns}) SELECT ${select} FROM generate_series(${lo}, ${hi}) AS s(n)`;
}

/** Seeds set-wise, one transaction per batch of 100,000 rows: the point is to measure the queries. */
export async function seed(db: Database, engine: Engine): Promise<void> {
  const run = (text: string) =>
    db.write((trx) =>
      sql
        .raw(text)
        .execute(trx)
        .then(() => undefined),
    );
  const step = Math.floor(yearSeconds / incidents);
  const t = `(${yearStart} + n * ${step})`;
  for (let lo = 1; lo <= incidents; lo += batch) {
    const hi = Math.min(incidents, lo + batch - 1);
    await run(
      insertSeries(
        engine,
        "incidents",
        "id, number, title, summary, severity, status, service, alert_count, open_alert_count, timeline_seq, source, created_at, acknowledged_at, resolved_at, updated_at",
        `'inc-' || ${pad(engine, "n")}, n, 'Incident ' || n, '', 'SEV' || (1 + n % 4),
         CASE WHEN n % 50 = 0 THEN 'triggered' ELSE 'resolved' END, 'svc-' || (n % ${services}), 10, 0, 3, 'alert',
         ${iso(engine, t)},
         CASE WHEN n % 20 = 0 THEN NULL ELSE ${iso(engine, `${t} + 30 + n % 600`)} END,
         CASE WHEN n % 50 = 0 THEN NULL ELSE ${iso(engine, `${t} + 900 + (n * 7) % 7200`)} END,
         ${iso(engine, t)}`,
        lo,
        hi,
      ),
    );
  }
  const alertStep = yearSeconds / alerts;
  const at = `(${yearStart} + CAST(n * ${alertStep} AS INTEGER))`;
  for (let lo = 1; lo <= alerts; lo += batch) {
    const hi = Math.min(alerts, lo + batch - 1);
    await run(
      insertSeries(
        engine,
        "alerts",
        "id, integration_id, fingerprint, status, title, description, severity, service, group_key, labels_json, annotations_json, links_json, content_hash, incident_id, starts_at, ends_at, resolved_at, created_at, updated_at",
        `'al-' || ${pad(engine, "n")}, 'int-' || (n % 5), 'fp-' || (n % 20000), 'resolved', 'Alert ' || (n % 20000), '',
         'SEV3', 'svc-' || (n % ${services}), 'g-' || (n % 20000), '{}', '{}', '[]', 'h',
         'inc-' || ${pad(engine, `1 + (n / 10) % ${incidents}`)}, ${iso(engine, at)}, ${iso(engine, `${at} + 300`)},
         ${iso(engine, `${at} + 300`)}, ${iso(engine, at)}, ${iso(engine, at)}`,
        lo,
        hi,
      ),
    );
  }
  await run(
    insertSeries(
      engine,
      "users",
      "id, name, email, display_name, role, time_zone, password_hash, disabled, created_at, updated_at",
      `'u-' || n, 'user' || n, 'user' || n || '@example.com', 'User ' || n, 'responder',
       CASE n % 3 WHEN 0 THEN 'Europe/Berlin' WHEN 1 THEN 'America/New_York' ELSE 'Asia/Tokyo' END, NULL, 0,
       '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'`,
      1,
      users,
    ),
  );
  const pageStep = Math.floor(yearSeconds / Math.max(1, pages));
  await run(
    insertSeries(
      engine,
      "notify_messages",
      "id, subject, user_name, contact_method_id, channel, title, body, state, attempts, plan_key, dedup_key, due_at, created_at, updated_at, sent_at",
      `'m-' || ${pad(engine, "n")}, 'incident:x', 'user' || (1 + n % ${users}), 'cm', 'email', 'page', '', 'sent', 1,
       'p-' || n, 'd-' || n, ${iso(engine, `${yearStart} + n * ${pageStep}`)}, ${iso(engine, `${yearStart} + n * ${pageStep}`)},
       ${iso(engine, `${yearStart} + n * ${pageStep}`)}, ${iso(engine, `${yearStart} + n * ${pageStep}`)}`,
      1,
      pages,
    ),
  );
  // Autovacuum would do this in production; it makes the covering indexes index-only on PostgreSQL.
  if (engine === "postgres") await sql.raw("VACUUM ANALYZE").execute(db.admin);
  else await run("ANALYZE");
}

async function measure(database: BenchDatabase): Promise<Record<string, string | number>> {
  const db = openDatabase(database.url, { pgPoolSize: 5 });
  try {
    await migrateToLatest(db, allMigrations());
    const seedMs = (await timed(() => seed(db, database.engine))).ms;
    const quarter = {
      from: new Date("2026-07-01T00:00:00Z"),
      to: new Date("2026-10-01T00:00:00Z"),
      groupBy: "service" as const,
    };
    const first = await computeKpis(db, systemClock, quarter);
    const kpi: number[] = [];
    for (let i = 0; i < kpiRuns; i++) kpi.push((await timed(() => computeKpis(db, systemClock, quarter))).ms);
    const report: number[] = [];
    for (let i = 0; i < reportRuns; i++)
      report.push((await timed(async () => reportHtml(await monthlyReport(db, systemClock, "2026-08")))).ms);
    const count =
      first.kpis.find((k) => k.name === "incident_count")?.groups.reduce((s, g) => s + g.n, 0) ?? 0;
    return {
      engine: database.engine,
      incidents,
      alerts,
      "seed s": round(seedMs / 1000, 1),
      "quarter incidents": count,
      "KPIs p50 ms": round(percentile(kpi, 50), 1),
      "KPIs p95 ms": round(percentile(kpi, 95), 1),
      "report p50 ms": round(percentile(report, 50), 1),
      "report max ms": round(Math.max(...report), 1),
    };
  } finally {
    await db.close();
  }
}

/**
 * `npm run bench -- kpis`: every KPI for a quarter grouped by service (computeKpis, the function behind
 * GET /api/v1/kpis, called in-process) and the monthly report rendered to HTML, on SQLite and PostgreSQL.
 */
export async function run(): Promise<void> {
  const databases: (() => Promise<BenchDatabase>)[] = [async () => createSqliteDatabase()];
  const pgUrl = testDatabaseUrl();
  if (pgUrl) databases.push(() => createPostgresDatabase(pgUrl));
  else
    process.stderr.write("\n*** OPSDECK_TEST_DATABASE_URL is not set: the PostgreSQL row is SKIPPED ***\n\n");
  const rows: Record<string, string | number>[] = [];
  for (const create of databases) {
    const database = await create();
    process.stderr.write(
      `${database.engine}: seeding ${incidents} incidents, ${alerts} alerts, ${pages} pages...\n`,
    );
    try {
      rows.push(await measure(database));
    } finally {
      await database.drop();
    }
  }
  process.stdout.write(
    `\nkpis: all KPIs for 2026-07-01..2026-10-01 grouped by service (computeKpis in-process, ${kpiRuns} runs) and ` +
      `the 2026-08 monthly report as HTML (${reportRuns} runs); ${pages} pages, ${users} users, ${services} services\n\n`,
  );
  printTable(rows, Object.keys(rows[0] ?? {}));
}
