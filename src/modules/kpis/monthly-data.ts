import { type Clock, toIso } from "../../platform/clock.ts";
import type { Database } from "../../platform/db/database.ts";
import { InputError } from "../../platform/errors.ts";
import { alertNoiseKpis } from "./alert-noise.ts";
import { type IncidentFact, incidentFacts } from "./incident-kpis.ts";
import { monthParam } from "./kpis.schema.ts";
import { oncallKpis, pageFacts } from "./oncall-load.ts";
import { noService } from "./service-owners.ts";
import { mean, median, secondsBetween } from "./stats.ts";

export interface Figure {
  mean: number | null;
  median: number | null;
  n: number;
}

/** Everything the monthly operations review shows; every renderer (md, csv, html, pdf) reads only this. */
export interface MonthlyReport {
  month: string;
  from: string;
  to: string;
  generatedAt: string;
  incidents: {
    total: number;
    imported: number;
    bySeverity: { key: string; n: number }[];
    mtta: Figure;
    mttr: Figure;
  };
  /** Incidents per week (weeks start on Monday, UTC), for the weeks that overlap the month. */
  weeks: { weekStart: string; n: number }[];
  /** The month and the five before it. */
  trend: { month: string; incidents: number; mtta: number | null; mttr: number | null }[];
  topServices: { service: string; n: number }[];
  noise: {
    alerts: number;
    topAlerts: { key: string; n: number }[];
    resolvedWithoutAck: { share: number | null; resolved: number };
    flapping: { key: string; reopens: number }[];
  };
  pages: { person: string; pages: number; outsideWorkingHours: number; night: number }[];
}

/** `2026-10` -> its first instant and the next month's first instant (UTC); a bad month is an InputError. */
export function monthRange(month: string): { from: Date; to: Date } {
  const parsed = monthParam.safeParse(month);
  if (!parsed.success)
    throw new InputError(`month '${month}': ${parsed.error.issues[0]?.message ?? "invalid"}`, [
      { path: "month", message: parsed.error.issues[0]?.message ?? "invalid" },
    ]);
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return { from: new Date(Date.UTC(y, m - 1, 1)), to: new Date(Date.UTC(y, m, 1)) };
}

export function addMonths(month: string, delta: number): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7)) - 1 + delta;
  const d = new Date(Date.UTC(y, m, 1));
  return d.toISOString().slice(0, 7);
}

function figure(values: number[]): Figure {
  return { mean: mean(values), median: median(values), n: values.length };
}

const mttaOf = (fs: IncidentFact[]) =>
  fs.filter((f) => f.acknowledged_at).map((f) => secondsBetween(f.created_at, f.acknowledged_at as string));
const mttrOf = (fs: IncidentFact[]) =>
  fs.filter((f) => f.resolved_at).map((f) => secondsBetween(f.created_at, f.resolved_at as string));

function weekStart(iso: string): string {
  const d = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  const back = (d.getUTCDay() + 6) % 7;
  return new Date(d.getTime() - back * 86_400_000).toISOString().slice(0, 10);
}

function weeksOf(from: Date, to: Date, facts: IncidentFact[]): MonthlyReport["weeks"] {
  const counts = new Map<string, number>();
  for (let t = from.getTime(); t < to.getTime(); t += 7 * 86_400_000)
    counts.set(weekStart(new Date(t).toISOString()), 0);
  counts.set(weekStart(new Date(to.getTime() - 1).toISOString()), 0);
  for (const f of facts) {
    const w = weekStart(f.created_at);
    counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  return [...counts.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([weekStart, n]) => ({ weekStart, n }));
}

function tally(keys: string[]): { key: string; n: number }[] {
  const m = new Map<string, number>();
  for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
  return [...m.entries()]
    .map(([key, n]) => ({ key, n }))
    .sort((a, b) => b.n - a.n || a.key.localeCompare(b.key));
}

/** Builds the report of `month` (YYYY-MM, UTC) from one read of six months of incidents. */
export async function monthlyReport(db: Database, clock: Clock, month: string): Promise<MonthlyReport> {
  const { from, to } = monthRange(month);
  const trendFrom = monthRange(addMonths(month, -5)).from;
  const six = await incidentFacts(db.read, toIso(trendFrom), toIso(to));
  const facts = six.filter((f) => f.created_at >= toIso(from));
  const noise = await alertNoiseKpis(db.read, toIso(from), toIso(to), "severity");
  const load = oncallKpis(await pageFacts(db.read, toIso(from), toIso(to)));
  const groups = (name: string) => noise.concat(load).find((k) => k.name === name)?.groups ?? [];
  const pagesOf = (name: string, person: string) => groups(name).find((g) => g.key === person)?.n ?? 0;
  const unacked = groups("alerts_resolved_without_ack")[0];
  const importedCount = await db.read
    .selectFrom("incidents")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("created_at", ">=", toIso(from))
    .where("created_at", "<", toIso(to))
    .where("source", "=", "import")
    .where("merged_into", "is", null)
    .executeTakeFirst();
  const alertCount = await db.read
    .selectFrom("alerts")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("created_at", ">=", toIso(from))
    .where("created_at", "<", toIso(to))
    .executeTakeFirst();
  return {
    month,
    from: toIso(from),
    to: toIso(to),
    generatedAt: toIso(clock.now()),
    incidents: {
      total: facts.length,
      imported: Number(importedCount?.n ?? 0),
      bySeverity: tally(facts.map((f) => f.severity)).sort((a, b) => a.key.localeCompare(b.key)),
      mtta: figure(mttaOf(facts)),
      mttr: figure(mttrOf(facts)),
    },
    weeks: weeksOf(from, to, facts),
    trend: Array.from({ length: 6 }, (_, i) => {
      const m = addMonths(month, i - 5);
      const fs = six.filter((f) => f.created_at.startsWith(m));
      return { month: m, incidents: fs.length, mtta: mean(mttaOf(fs)), mttr: mean(mttrOf(fs)) };
    }),
    topServices: tally(facts.map((f) => f.service ?? noService))
      .slice(0, 10)
      .map(({ key, n }) => ({ service: key, n })),
    noise: {
      alerts: Number(alertCount?.n ?? 0),
      topAlerts: groups("top_alerts").map((g) => ({ key: g.key, n: g.n })),
      resolvedWithoutAck: { share: unacked?.value ?? null, resolved: unacked?.n ?? 0 },
      flapping: groups("flapping_alerts").map((g) => ({ key: g.key, reopens: g.value ?? 0 })),
    },
    pages: groups("pages_per_person")
      .slice(0, 15)
      .map((g) => ({
        person: g.key,
        pages: g.n,
        outsideWorkingHours: pagesOf("pages_outside_working_hours", g.key),
        night: pagesOf("pages_at_night", g.key),
      })),
  };
}
