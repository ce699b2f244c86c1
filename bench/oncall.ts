// The module registry first: loading a module before it would meet the registry <-> module import cycle.
import "../src/modules/registry.ts";
import { stringify } from "yaml";
import { shiftsFor, whoIsOnCall } from "../src/modules/oncall/index.ts";
import type { Shift } from "../src/modules/oncall/schedule.schema.ts";
import { computeShifts, onCallAt, type ScheduleInput } from "../src/modules/oncall/schedule.ts";
import { allMigrations, manifestRegistry } from "../src/modules/registry.ts";
import { systemClock } from "../src/platform/clock.ts";
import { testDatabaseUrl } from "../src/platform/config/config.ts";
import { openDatabase } from "../src/platform/db/database.ts";
import { migrateToLatest } from "../src/platform/db/migrations.ts";
import { applyDocuments } from "../src/platform/manifests/apply.ts";
import { parseManifestText } from "../src/platform/manifests/load.ts";
import { percentile } from "../test/e2e/escalation.receivers.ts";
import { runScenario } from "../test/e2e/escalation.world.ts";
import {
  type BenchDatabase,
  createPostgresDatabase,
  createSqliteDatabase,
  printTable,
  round,
} from "./support.ts";

/**
 * `npm run bench -- oncall` (issue 5): who is on call for 1,000 three-layer schedules at 10,000 instants, a
 * year of shifts for each, and escalation lateness with 500 incidents escalating at once on 3 instances.
 */

const schedules = 1_000;
const instants = 10_000;
const sampled = 10_000;
const people = 60;
const zones = ["America/New_York", "Europe/Berlin", "Asia/Singapore", "Australia/Sydney", "Etc/UTC"];
const from = new Date("2026-01-01T00:00:00.000Z");
const to = new Date("2027-01-01T00:00:00.000Z");

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1_664_525 + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Three layers as people write them: a weekly rotation, weekday nights, weekends; zones with and without DST. */
function scheduleSpecs(): { name: string; spec: ScheduleInput }[] {
  const random = rng(7);
  const pick = (n: number) => Array.from({ length: n }, () => `u${Math.floor(random() * people)}`);
  return Array.from({ length: schedules }, (_, i) => ({
    name: `sched-${i}`,
    spec: {
      timeZone: zones[i % zones.length] as string,
      layers: [
        { name: "weekly", start: "2025-12-29T09:00", rotation: { every: "1w" }, participants: pick(4) },
        {
          name: "nights",
          start: "2025-12-29T18:00",
          rotation: { every: "1d" },
          participants: pick(3),
          restrictions: [{ days: ["mon", "tue", "wed", "thu", "fri"], from: "18:00", to: "08:00" }],
        },
        {
          name: "weekends",
          start: "2026-01-03T00:00",
          rotation: { every: "12h" },
          participants: pick(2),
          restrictions: [{ days: ["sat", "sun"], from: "00:00", to: "24:00" }],
        },
      ],
      overrides: [],
    },
  }));
}

type Row = Record<string, string | number>;
const rows: Row[] = [];
function row(measure: string, engine: string, n: number, totalMs: number, times?: number[], unit = "ms") {
  const sorted = times ? [...times].sort((a, b) => a - b) : [];
  rows.push({
    measure,
    engine,
    n,
    "total s": round(totalMs / 1000, 2),
    [`p50 ${unit}`]: times ? round(percentile(sorted, 50), 3) : "",
    [`p99 ${unit}`]: times ? round(percentile(sorted, 99), 3) : "",
    [`max ${unit}`]: times ? round(sorted[sorted.length - 1] ?? 0, 3) : "",
  });
}

/** The user of the sorted, disjoint shift containing `at`, by binary search. */
function userAt(shifts: Shift[], at: number): string | null {
  let lo = 0;
  let hi = shifts.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = shifts[mid] as Shift;
    if (at < s.start.getTime()) hi = mid - 1;
    else if (at >= s.end.getTime()) lo = mid + 1;
    else return s.user;
  }
  return null;
}

function engineBenchmarks(specs: ReturnType<typeof scheduleSpecs>): void {
  const random = rng(11);
  const span = to.getTime() - from.getTime();
  const times = Array.from({ length: instants }, () => from.getTime() + Math.floor(random() * span)).sort();
  // Per query: the engine computes the one instant, as whoIsOnCall does for an escalation step.
  const perQuery: number[] = [];
  const answers: (string | null)[] = [];
  let start = performance.now();
  for (let q = 0; q < sampled; q++) {
    const t0 = performance.now();
    answers.push(
      onCallAt((specs[q % schedules] as (typeof specs)[number]).spec, new Date(times[q] as number)),
    );
    perQuery.push((performance.now() - t0) * 1000);
  }
  row(
    `who is on call, one query at a time (${sampled} of ${schedules} x ${instants})`,
    "engine",
    sampled,
    performance.now() - start,
    perQuery,
    "us",
  );
  // A year of shifts per schedule, then every instant by binary search: all 10,000,000 answers.
  const yearMs: number[] = [];
  let mismatches = 0;
  let answered = 0;
  start = performance.now();
  for (const [i, s] of specs.entries()) {
    const t0 = performance.now();
    const shifts = computeShifts(s.spec, from, to);
    yearMs.push(performance.now() - t0);
    for (const [q, at] of times.entries()) {
      const user = userAt(shifts, at);
      answered++;
      if (q % schedules === i && q < sampled && user !== answers[q]) mismatches++;
    }
  }
  row(
    `who is on call, ${schedules} schedules x ${instants} instants via a year of shifts (${mismatches} disagree)`,
    "engine",
    answered,
    performance.now() - start,
  );
  row(
    `a year of shifts, ${schedules} schedules (per schedule)`,
    "engine",
    schedules,
    yearMs.reduce((a, b) => a + b, 0),
    yearMs,
  );
}

async function databaseBenchmarks(database: BenchDatabase, specs: ReturnType<typeof scheduleSpecs>) {
  const db = openDatabase(database.url, { pgPoolSize: 5 });
  try {
    await migrateToLatest(db, allMigrations());
    const users = Array.from({ length: people }, (_, i) =>
      stringify({
        apiVersion: "opsdeck.dev/v1",
        kind: "User",
        metadata: { name: `u${i}` },
        spec: { email: `u${i}@example.com` },
      }),
    );
    const docs = specs.map((s) =>
      stringify({ apiVersion: "opsdeck.dev/v1", kind: "Schedule", metadata: { name: s.name }, spec: s.spec }),
    );
    const { documents, issues } = parseManifestText([...users, ...docs].join("---\n"), "bench.yaml");
    const ctx = { actor: { type: "system" as const, label: "bench" }, requestId: null, clock: systemClock };
    await applyDocuments(db, ctx, documents, manifestRegistry(), { dryRun: false, prune: false }, issues);
    const random = rng(13);
    const span = to.getTime() - from.getTime();
    const lookups: number[] = [];
    let start = performance.now();
    for (let q = 0; q < sampled; q++) {
      const t0 = performance.now();
      await whoIsOnCall(
        db,
        `sched-${Math.floor(random() * schedules)}`,
        new Date(from.getTime() + Math.floor(random() * span)),
      );
      lookups.push(performance.now() - t0);
    }
    row(
      `whoIsOnCall(db, schedule, at), ${sampled} random (schedule, instant)`,
      database.engine,
      sampled,
      performance.now() - start,
      lookups,
    );
    const years: number[] = [];
    start = performance.now();
    for (const s of specs) {
      const t0 = performance.now();
      await shiftsFor(db, s.name, from, to);
      years.push(performance.now() - t0);
    }
    row(
      `shiftsFor(db, schedule, year), ${schedules} schedules`,
      database.engine,
      schedules,
      performance.now() - start,
      years,
    );
  } finally {
    await db.close();
    await database.drop();
  }
}

async function lateness(engine: "postgres" | "sqlite", postgresUrl: string | undefined) {
  const instances = engine === "postgres" ? 3 : 1;
  const started = performance.now();
  const outcome = await runScenario({
    engine,
    instances,
    incidents: 500,
    services: 100,
    level1Minutes: 0.25,
    disrupt: "none",
    postgresUrl,
  });
  const label = `escalation, 500 incidents on ${instances} instance(s): due -> delivered`;
  const took = performance.now() - started;
  row(
    `${label}, level 0 (${outcome.delivered}/${outcome.expected} delivered)`,
    engine,
    outcome.lateness.level0.length,
    took,
    outcome.lateness.level0,
  );
  row(
    `${label}, level 1 (${outcome.duplicates.length} duplicates)`,
    engine,
    outcome.lateness.level1.length,
    took,
    outcome.lateness.level1,
  );
  // Where the time goes: the job hops up to the step (dispatch, subscriber, step), then delivery.
  row(
    "  of which: step due -> step ran",
    engine,
    outcome.stages.planned.length,
    took,
    outcome.stages.planned,
  );
  row(
    "  of which: message planned -> delivered",
    engine,
    outcome.stages.sent.length,
    took,
    outcome.stages.sent,
  );
}

export async function run(): Promise<void> {
  const specs = scheduleSpecs();
  engineBenchmarks(specs);
  const postgresUrl = testDatabaseUrl();
  await databaseBenchmarks(createSqliteDatabase(), specs);
  if (postgresUrl) await databaseBenchmarks(await createPostgresDatabase(postgresUrl), specs);
  else process.stderr.write("OPSDECK_TEST_DATABASE_URL is not set: the PostgreSQL rows are skipped\n");
  if (postgresUrl) await lateness("postgres", postgresUrl);
  await lateness("sqlite", undefined);
  printTable(rows, [
    "measure",
    "engine",
    "n",
    "total s",
    "p50 ms",
    "p99 ms",
    "max ms",
    "p50 us",
    "p99 us",
    "max us",
  ]);
}
