import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/database.ts";
import type { Tables } from "../../platform/db/tables.ts";
import { listIncidents } from "../incidents/index.ts";
import { edgesOf, type StoredCounts, sumRange } from "./aggregate.ts";
import { downtimeSource } from "./downtime.ts";
import { sliceRuleOf } from "./events.repository.ts";
import { exclusionIntervals, type Interval, mergeIntervals } from "./exclusions.ts";
import { loadCounts, type SloRow } from "./slo.repository.ts";
import type { CountSource } from "./status.ts";

/** Where each SLO's counts come from for computations over [fromMs, toMs): stored minutes or incidents. */

export const storedSource =
  (slo: SloRow, stored: StoredCounts | undefined): CountSource =>
  (from, to) =>
    sumRange(stored ?? { days: new Map(), blocks: new Map() }, sliceRuleOf(slo.def), from, to);

/** Downtime of the SLO's service: its incidents of the listed severities, open or resolved, in the range. */
export async function incidentSource(
  db: Database,
  slo: SloRow,
  fromMs: number,
  toMs: number,
): Promise<CountSource> {
  if (slo.def.indicator.kind !== "incidents") throw new Error("not an incident-based SLO");
  const down: Interval[] = [];
  const items = await listIncidents(db, {
    service: slo.service,
    severity: slo.def.indicator.severities.join(","),
    to: new Date(toMs).toISOString(),
    limit: 1000,
    offset: 0,
  });
  for (const i of items) {
    const start = Date.parse(i.createdAt);
    const end = i.resolvedAt ? Date.parse(i.resolvedAt) : toMs;
    if (end > fromMs && start < toMs) down.push([start, end]);
  }
  return downtimeSource(mergeIntervals(down), exclusionIntervals(slo.def.exclusions, fromMs, toMs));
}

/**
 * Count sources of many SLOs for the given ranges: one bulk read of the stored rows they need (day sums
 * over the whole span, hour detail and minute blocks only at the ranges' edges).
 */
export async function sourcesFor(
  db: Database,
  trx: Kysely<Tables>,
  slos: SloRow[],
  rangesOf: (slo: SloRow) => [number, number][],
): Promise<Map<string, CountSource>> {
  const out = new Map<string, CountSource>();
  const stored = slos.filter((s) => s.def.indicator.kind !== "incidents");
  if (stored.length > 0) {
    const days = new Set<string>();
    const blocks = new Set<number>();
    let from = Number.POSITIVE_INFINITY;
    let to = Number.NEGATIVE_INFINITY;
    for (const s of stored)
      for (const [a, b] of rangesOf(s)) {
        const e = edgesOf(a, b);
        for (const d of e.days) days.add(d);
        for (const h of e.blockHours) blocks.add(h);
        from = Math.min(from, a);
        to = Math.max(to, b);
      }
    const counts = await loadCounts(
      trx,
      stored.map((s) => s.id),
      { fromMs: from, toMs: to, hourDays: [...days], blockHours: [...blocks] },
    );
    for (const s of stored) out.set(s.id, storedSource(s, counts.get(s.id)));
  }
  for (const s of slos.filter((x) => x.def.indicator.kind === "incidents")) {
    const ranges = rangesOf(s);
    const from = Math.min(...ranges.map((r) => r[0]));
    const to = Math.max(...ranges.map((r) => r[1]));
    out.set(s.id, await incidentSource(db, s, from, to));
  }
  return out;
}

/** Runs `work` over the SLOs 500 at a time with their sources, so memory stays flat with many SLOs. */
export async function forEachChunk(
  db: Database,
  trx: Kysely<Tables>,
  slos: SloRow[],
  rangesOf: (slo: SloRow) => [number, number][],
  work: (slo: SloRow, source: CountSource) => Promise<void> | void,
): Promise<void> {
  for (let i = 0; i < slos.length; i += 500) {
    const chunk = slos.slice(i, i + 500);
    const sources = await sourcesFor(db, trx, chunk, rangesOf);
    for (const slo of chunk) {
      const source = sources.get(slo.id);
      if (source) await work(slo, source);
    }
  }
}
