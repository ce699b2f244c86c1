// The module registry first: loading a module before it would meet the registry <-> module import cycle.
import "../src/modules/registry.ts";
import { statSync } from "node:fs";
import { allMigrations } from "../src/modules/registry.ts";
import { type HourSummary, type MinuteBlock, summarize } from "../src/modules/slo/buckets.ts";
import { evaluateAll, minuteRetentionMs } from "../src/modules/slo/evaluate.job.ts";
import { storeMany } from "../src/modules/slo/events.repository.ts";
import { defaultAlerting, type SloDefinition } from "../src/modules/slo/model.ts";
import { allSlos } from "../src/modules/slo/slo.repository.ts";
import { getStatus, listSloSummaries } from "../src/modules/slo/views.service.ts";
import type { Clock } from "../src/platform/clock.ts";
import { testDatabaseUrl } from "../src/platform/config/config.ts";
import { type Database, openDatabase } from "../src/platform/db/database.ts";
import { migrateToLatest } from "../src/platform/db/migrations.ts";
import { newId } from "../src/platform/ids.ts";
import {
  type BenchDatabase,
  createPostgresDatabase,
  createSqliteDatabase,
  printTable,
  round,
} from "./support.ts";

const days = 30;
const sqliteSlos = 10_000;
/** PostgreSQL at full scale too; lower this if a slower machine takes far beyond five minutes. */
const postgresSlos = 10_000;
const minute = 60_000;
const hour = 60 * minute;
/** "Now" for the run: half a minute into a minute, as the per-minute job would see it. */
const now = Date.parse("2026-11-22T12:00:30.000Z");

/** A deterministic pseudo-random sequence, so every run measures the same data. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1_664_525 + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

function definition(i: number): SloDefinition {
  return {
    name: `slo-${i}`,
    service: `svc-${i % 2000}`,
    description: "",
    objective: i % 3 === 0 ? 0.999 : 0.99,
    window:
      i % 10 === 0
        ? { kind: "calendar", unit: "month", timeZone: "Europe/Berlin" }
        : { kind: "rolling", days: 30 },
    budgetingMethod: i % 5 === 0 ? "Timeslices" : "Occurrences",
    timesliceTarget: i % 5 === 0 ? 0.95 : null,
    timesliceMinutes: i % 5 === 0 ? 1 : null,
    indicator: { kind: "events" },
    alerting: { ...defaultAlerting },
    exclusions: [],
  };
}

/** One SLO's minutes: ~100-1000 events a minute, 0.1% failing; 1 SLO in 100 fails 30% in the last hour. */
function minuteOf(i: number, t: number, random: () => number): [number, number] {
  const total = 100 + (i % 10) * 100;
  const burning = i % 100 === 7 && t >= now - hour;
  const bad = burning ? Math.round(total * 0.3) : random() < 0.05 ? 1 : 0;
  return [total - bad, total];
}

/** An hour older than the minute retention, as `summarize` would give it (no slice fails: 1 bad in >= 100). */
function quietHour(i: number, random: () => number): HourSummary {
  const total = 100 + (i % 10) * 100;
  const bad = Math.floor(random() * 7); // 0-6 failing minutes of one bad event: 3 an hour on average
  return [60 * total - bad, 60 * total, 60, 60, 60];
}

/**
 * Writes 30 days of one SLO in the stored layout (ADR 10): day rows with hour summaries for every day, and
 * minute blocks for the retained last 25 hours. Equivalent to pushing every minute and letting the
 * evaluation job prune, without 432 million single-minute writes.
 */
async function load(db: Database, count: number): Promise<void> {
  const first = Math.floor(now / hour) * hour - days * 24 * hour;
  const retainedFrom = Math.floor((now - minuteRetentionMs) / hour) * hour;
  const created = new Date(now).toISOString();
  for (let start = 0; start < count; start += 50) {
    const slos: { id: string; def: SloDefinition }[] = [];
    const dayRows: Record<string, unknown>[] = [];
    const blockRows: Record<string, unknown>[] = [];
    for (let i = start; i < Math.min(count, start + 50); i++) {
      const def = definition(i);
      const id = newId(new Date(now));
      slos.push({ id, def });
      const random = rng(i + 1);
      const rule =
        def.budgetingMethod === "Timeslices" ? { target: 0.95, minutes: 1 } : { target: 0, minutes: 1 };
      const hours = new Map<string, (HourSummary | null)[]>();
      for (let h = first; h <= Math.floor(now / hour) * hour; h += hour) {
        const day = new Date(h).toISOString().slice(0, 10);
        const list = hours.get(day) ?? Array.from({ length: 24 }, () => null);
        if (h >= retainedFrom) {
          const block: MinuteBlock = Array.from({ length: 60 }, (_, m) => {
            const t = h + m * minute;
            return t < Math.floor(now / minute) * minute ? minuteOf(i, t, random) : null;
          });
          blockRows.push({
            slo_id: id,
            hour: new Date(h).toISOString(),
            minutes_json: JSON.stringify(block),
          });
          list[new Date(h).getUTCHours()] = summarize(block, rule);
        } else list[new Date(h).getUTCHours()] = quietHour(i, random);
        hours.set(day, list);
      }
      for (const [day, list] of hours) {
        const sum = (k: number) => list.reduce((acc, x) => acc + (x?.[k] ?? 0), 0);
        dayRows.push({
          slo_id: id,
          day,
          good: sum(0),
          total: sum(1),
          good_slices: sum(2),
          slices: sum(3),
          hours_json: JSON.stringify(list),
        });
      }
    }
    await db.write(async (trx) => {
      await trx
        .insertInto("slos")
        .values(
          slos.map(({ id, def }) => ({
            id,
            name: def.name,
            service: def.service,
            source: "opsdeck.dev/v1",
            spec_json: JSON.stringify(def),
            last_pushed_minute: new Date(Math.floor(now / minute) * minute - minute).toISOString(),
            page_since: null,
            ticket_since: null,
            created_at: created,
            updated_at: created,
          })),
        )
        .execute();
      for (let k = 0; k < dayRows.length; k += 400)
        await trx
          .insertInto("slo_days")
          .values(dayRows.slice(k, k + 400) as never)
          .execute();
      for (let k = 0; k < blockRows.length; k += 400)
        await trx
          .insertInto("slo_minute_blocks")
          .values(blockRows.slice(k, k + 400) as never)
          .execute();
    });
  }
}

/**
 * Wall time, this process's CPU time (user + system: the machine may be shared, so wall time alone
 * overstates) and the highest RSS seen while `work` ran (sampled every 10 ms).
 */
async function measured<T>(
  work: () => Promise<T>,
): Promise<{ ms: number; cpuMs: number; peakMiB: number; value: T }> {
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 10);
  const start = performance.now();
  const cpu = process.cpuUsage();
  try {
    const value = await work();
    const used = process.cpuUsage(cpu);
    return {
      ms: performance.now() - start,
      cpuMs: (used.user + used.system) / 1000,
      peakMiB: Math.max(peak, process.memoryUsage().rss) / 2 ** 20,
      value,
    };
  } finally {
    clearInterval(sampler);
  }
}

type Row = Record<string, string | number>;

async function measure(database: BenchDatabase, count: number): Promise<Row[]> {
  const db = openDatabase(database.url, { pgPoolSize: 5 });
  const rows: Row[] = [];
  const row = (what: string, m: { ms: number; cpuMs: number; peakMiB: number }, result: string | number) =>
    rows.push({
      engine: database.engine,
      SLOs: count,
      measure: what,
      "time s": round(m.ms / 1000, 2),
      "cpu s": round(m.cpuMs / 1000, 2),
      "peak RSS MiB": round(m.peakMiB),
      result,
    });
  const clockAt = (ms: number): Clock => ({ now: () => new Date(ms) });
  try {
    await migrateToLatest(db, allMigrations());
    const loaded = await measured(() => load(db, count));
    const stored = await db.read
      .selectFrom("slo_days")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    const blocks = await db.read
      .selectFrom("slo_minute_blocks")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    const size =
      database.engine === "sqlite"
        ? ` (${round(statSync(database.url.slice("sqlite:".length)).size / 2 ** 20)} MiB file)`
        : "";
    row(
      `load ${days} days of minutes (setup)`,
      loaded,
      `${Number(stored.n)} day rows + ${Number(blocks.n)} minute blocks${size}`,
    );

    const full = await measured(() => evaluateAll(db, clockAt(now), now));
    const burning = (await allSlos(db.read)).filter((s) => s.pageSince || s.ticketSince).length;
    row(
      "full evaluation: 7 burn windows + alert transitions",
      full,
      `${full.value.evaluated} evaluated, ${burning} burning`,
    );

    const list = await measured(() => listSloSummaries(db, clockAt(now), undefined));
    row("list all: SLI + error budget over each SLO's window", list, `${list.value.length} SLOs`);

    const next = now + minute;
    const minuteIso = new Date(Math.floor(now / minute) * minute).toISOString();
    const slos = await allSlos(db.read);
    const store = await measured(async () => {
      for (let k = 0; k < slos.length; k += 100)
        await db.write((trx) =>
          storeMany(
            trx,
            slos.slice(k, k + 100).map((s) => ({
              sloId: s.id,
              def: s.def,
              rows: [{ minute: minuteIso, good: 999, total: 1000 }],
            })),
          ),
        );
    });
    row("incremental: store 1 new minute for every SLO", store, "100 SLOs per transaction (storeMany)");
    const again = await measured(() => evaluateAll(db, clockAt(next), next));
    row("incremental: evaluation after that minute", again, `${again.value.evaluated} evaluated`);

    const statuses = await measured(async () => {
      for (let k = 0; k < 100; k++) await getStatus(db, clockAt(next), `slo-${(k * 97) % count}`);
    });
    row(
      "100 single status reads (30d window + 7 burn rates)",
      statuses,
      `${round(statuses.ms / 100, 1)} ms each`,
    );
  } finally {
    await db.close();
  }
  return rows;
}

/** `npm run bench -- slo`: evaluation cycles over SLOs with 30 days of per-minute events, SQLite and PostgreSQL. */
export async function run(): Promise<void> {
  const databases: [() => Promise<BenchDatabase>, number][] = [
    [async () => createSqliteDatabase(), sqliteSlos],
  ];
  const pgUrl = testDatabaseUrl();
  if (pgUrl) databases.push([() => createPostgresDatabase(pgUrl), postgresSlos]);
  else
    process.stderr.write(
      "\n*** OPSDECK_TEST_DATABASE_URL is not set: the PostgreSQL rows are SKIPPED ***\n\n",
    );
  const rows: Row[] = [];
  for (const [create, count] of databases) {
    const database = await create();
    process.stderr.write(`${database.engine}: loading ${count} SLOs x ${days} days and evaluating...\n`);
    try {
      rows.push(...(await measure(database, count)));
    } finally {
      await database.drop();
    }
  }
  process.stdout.write(
    `\nslo: ${days} days of per-minute events per SLO (${sqliteSlos.toLocaleString("en")} SLOs = ` +
      `${((sqliteSlos * days * 1440) / 1e6).toFixed(0)}M minutes if stored one row each); stored as day rows with hour ` +
      `summaries + minute blocks for the last 25 h (ADR 10); in-process, SQLite synchronous=FULL; ` +
      `PostgreSQL: ${postgresSlos.toLocaleString("en")} SLOs; "time" is wall clock, "cpu" this process's CPU ` +
      `(the database server's is not counted)\n\n`,
  );
  printTable(rows, ["engine", "SLOs", "measure", "time s", "cpu s", "peak RSS MiB", "result"]);
}
