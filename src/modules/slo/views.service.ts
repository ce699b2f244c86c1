import type { Clock } from "../../platform/clock.ts";
import type { Database } from "../../platform/db/database.ts";
import { InputError, NotFoundError } from "../../platform/errors.ts";
import { zeroCounts } from "./buckets.ts";
import { errorBudget, sliOf } from "./math.ts";
import { burnRateWindows } from "./model.ts";
import { prometheusSourceState } from "./prometheus/index.ts";
import { allSlos, findSlo, loadCounts, type SloRow } from "./slo.repository.ts";
import { forEachChunk, incidentSource, sourcesFor, storedSource } from "./sources.ts";
import { type CountSource, computeStatus, dataGapMinutes, type SloStatus } from "./status.ts";
import { describeWindow, minuteFloor, sloPeriod } from "./windows.ts";

/** The ranges a status reads: the SLO window, the burn-rate windows and the data-gap window. */
const statusRanges = (slo: SloRow, atMs: number): [number, number][] => {
  const p = sloPeriod(slo.def.window, atMs);
  return [
    [p.from, p.to],
    ...Object.values(burnRateWindows).map((m): [number, number] => [p.to - m * 60_000, p.to]),
    [p.to - dataGapMinutes * 60_000, p.to],
  ];
};

async function sloOr404(db: Database, name: string): Promise<SloRow> {
  const slo = await findSlo(db.read, name);
  if (!slo) throw new NotFoundError(`no SLO named '${name}'`);
  return slo;
}

export const burningOf = (slo: SloRow): "page" | "ticket" | null =>
  slo.pageSince ? "page" : slo.ticketSince ? "ticket" : null;

const statusOf = (slo: SloRow, status: SloStatus) => ({
  ...status,
  burning: burningOf(slo),
  dataGap: slo.def.indicator.kind === "incidents" ? false : status.dataGap,
});

export async function getStatus(db: Database, clock: Clock, name: string, at?: string) {
  const slo = await sloOr404(db, name);
  const atMs = at ? Date.parse(at) : clock.now().getTime();
  const sources = await sourcesFor(db, db.read, [slo], (s) => statusRanges(s, atMs));
  const status = statusOf(slo, computeStatus(slo.def, sources.get(slo.id) ?? zeroCounts, atMs));
  if (slo.def.indicator.kind !== "prometheus") return status;
  return { ...status, prometheus: await prometheusSourceState(db.read, slo.name) };
}

export async function getSloDetail(db: Database, clock: Clock, name: string) {
  const slo = await sloOr404(db, name);
  const { name: _n, ...spec } = slo.def;
  return { name: slo.name, service: slo.service, spec, status: await getStatus(db, clock, name) };
}

export interface SloSummary {
  name: string;
  service: string;
  objective: number;
  window: string;
  indicator: "events" | "prometheus" | "incidents";
  budgetingMethod: string;
  sli: number | null;
  errorBudget: ReturnType<typeof errorBudget>;
  burning: "page" | "ticket" | null;
}

export async function listSloSummaries(db: Database, clock: Clock, service?: string) {
  const slos = await allSlos(db.read, service);
  const atMs = clock.now().getTime();
  const items: SloSummary[] = [];
  await forEachChunk(
    db,
    db.read,
    slos,
    (s) => statusRanges(s, atMs).slice(0, 1),
    (slo, source) => {
      const p = sloPeriod(slo.def.window, atMs);
      const counts = source(p.from, p.to);
      items.push({
        name: slo.name,
        service: slo.service,
        objective: slo.def.objective,
        window: describeWindow(slo.def.window),
        indicator: slo.def.indicator.kind,
        budgetingMethod: slo.def.budgetingMethod,
        sli: sliOf(counts, slo.def.budgetingMethod),
        errorBudget: errorBudget(counts, slo.def.budgetingMethod, slo.def.objective),
        burning: burningOf(slo),
      });
    },
  );
  return items;
}

/** The SLI over time and the budget burn-down: each point is the SLO window ending there. */
export async function getSeries(
  db: Database,
  clock: Clock,
  name: string,
  q: { from?: string; to?: string; points: number },
) {
  const slo = await sloOr404(db, name);
  const nowMs = clock.now().getTime();
  const toMs = minuteFloor(q.to ? Date.parse(q.to) : nowMs);
  const fromMs = minuteFloor(q.from ? Date.parse(q.from) : sloPeriod(slo.def.window, toMs).from);
  if (fromMs >= toMs)
    throw new InputError("from must be before to", [{ path: "from", message: "must be before to" }]);
  if (toMs - fromMs > 400 * 86_400_000)
    throw new InputError("at most 400 days", [{ path: "from", message: "the range is at most 400 days" }]);
  const step = Math.max(60_000, minuteFloor((toMs - fromMs) / q.points));
  const ats: number[] = [];
  for (let t = toMs; t > fromMs && ats.length < q.points; t -= step) ats.unshift(t);
  const earliest = Math.min(...ats.map((t) => sloPeriod(slo.def.window, t).from), fromMs);
  const all = await spanSource(db, slo, earliest, toMs);
  return {
    points: ats.map((at, i) => {
      const p = sloPeriod(slo.def.window, at);
      const c = all(p.from, p.to);
      const bucket = all(i === 0 ? at - step : (ats[i - 1] as number), at);
      return {
        at: new Date(at).toISOString(),
        sli: sliOf(c, slo.def.budgetingMethod),
        budgetRemaining: errorBudget(c, slo.def.budgetingMethod, slo.def.objective).remaining,
        good: bucket.good,
        total: bucket.total,
      };
    }),
  };
}

/** A series reads every hour of its span, not only window edges: all detail for stored SLOs. */
async function spanSource(db: Database, slo: SloRow, fromMs: number, toMs: number): Promise<CountSource> {
  if (slo.def.indicator.kind === "incidents") return incidentSource(db, slo, fromMs, toMs);
  const counts = await loadCounts(db.read, [slo.id], { fromMs, toMs, hourDays: "all", blockHours: "all" });
  return storedSource(slo, counts.get(slo.id));
}

export async function listAlertHistory(db: Database, name: string) {
  const slo = await sloOr404(db, name);
  const rows = await db.read
    .selectFrom("slo_alerts")
    .selectAll()
    .where("slo_id", "=", slo.id)
    .orderBy("at", "desc")
    .orderBy("id", "desc")
    .limit(500)
    .execute();
  return rows.map((r) => ({
    at: r.at,
    severity: r.severity as "page" | "ticket",
    state: r.state as "firing" | "resolved",
    burnRates: { long: Number(r.burn_long), short: Number(r.burn_short) },
    windows: JSON.parse(r.windows_json) as string[],
    alertId: r.alert_id,
    note: r.note,
  }));
}
