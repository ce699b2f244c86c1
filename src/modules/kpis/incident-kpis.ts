import type { Kysely } from "kysely";
import type { Tables } from "../../platform/db/tables.ts";
import type { GroupBy, KpiView } from "./kpis.schema.ts";
import { noService, noTeam } from "./service-owners.ts";
import { countGroups, durationGroups, secondsBetween } from "./stats.ts";

export interface IncidentFact {
  id: string;
  severity: string;
  service: string | null;
  created_at: string;
  acknowledged_at: string | null;
  resolved_at: string | null;
}

/**
 * The incidents a KPI counts: triggered in `[from, to)`, not merged into another incident (its alerts and
 * time count under the incident it joined). One set-wise query over the `created_at` index; ISO strings
 * in UTC compare in time order on both engines.
 */
export function incidentFacts(db: Kysely<Tables>, from: string, to: string): Promise<IncidentFact[]> {
  return db
    .selectFrom("incidents")
    .select(["id", "severity", "service", "created_at", "acknowledged_at", "resolved_at"])
    .where("created_at", ">=", from)
    .where("created_at", "<", to)
    .where("merged_into", "is", null)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

export function keyOf(groupBy: GroupBy, f: IncidentFact, teams: Map<string, string>): string {
  switch (groupBy) {
    case "severity":
      return f.severity;
    case "service":
      return f.service ?? noService;
    case "team":
      return (f.service && teams.get(f.service.toLowerCase())) || noTeam;
    case "month":
      return monthOf(f);
  }
}

export const definitions = {
  mtta: "Mean time to acknowledge: seconds from an incident's trigger to its first acknowledgement, over the incidents triggered in [from, to) that were acknowledged (incidents resolved without an acknowledgement are left out; n says how many count). Merged-away incidents are left out. Mean and median per group.",
  mttr: "Mean time to resolve: seconds from an incident's trigger to its resolution, over the incidents triggered in [from, to) that are resolved (open ones are left out; n says how many count). Merged-away incidents are left out. Mean and median per group.",
  incident_count:
    "Incidents triggered in [from, to), merged-away incidents left out, per group (imported history included).",
  incident_trend:
    "Incidents triggered per calendar month (UTC) in [from, to): the trend, whatever the grouping.",
  mtta_trend:
    "Mean time to acknowledge per calendar month (UTC) of the trigger, as mtta otherwise: the trend, whatever the grouping.",
  mttr_trend:
    "Mean time to resolve per calendar month (UTC) of the trigger, as mttr otherwise: the trend, whatever the grouping.",
};

const monthOf = (f: IncidentFact) => f.created_at.slice(0, 7);

/**
 * Seconds from trigger to `end` (acknowledgement: MTTA; resolution: MTTR), per key, over the incidents
 * that reached it.
 */
function durationsTo(
  end: "acknowledged_at" | "resolved_at",
  facts: IncidentFact[],
  key: (f: IncidentFact) => string,
) {
  return durationGroups(
    facts.flatMap((f) => {
      const at = f[end];
      return at ? [{ key: key(f), id: f.id, seconds: secondsBetween(f.created_at, at) }] : [];
    }),
  );
}

/**
 * The incident KPIs under the requested grouping, then the monthly trends (count, MTTA, MTTR) whatever the
 * grouping: the dashboard draws its trend charts from the same answer as its tables.
 */
export function incidentKpis(facts: IncidentFact[], groupBy: GroupBy, teams: Map<string, string>): KpiView[] {
  const key = (f: IncidentFact) => keyOf(groupBy, f, teams);
  const base = { recordType: "incident" as const, groupedBy: groupBy, unavailable: null };
  const trend = { ...base, groupedBy: "month" };
  return [
    {
      name: "mtta",
      definition: definitions.mtta,
      unit: "seconds",
      ...base,
      groups: durationsTo("acknowledged_at", facts, key),
    },
    {
      name: "mttr",
      definition: definitions.mttr,
      unit: "seconds",
      ...base,
      groups: durationsTo("resolved_at", facts, key),
    },
    {
      name: "incident_count",
      definition: definitions.incident_count,
      unit: "count",
      ...base,
      groups: countGroups(facts.map((f) => ({ key: key(f), id: f.id }))),
    },
    {
      name: "incident_trend",
      definition: definitions.incident_trend,
      unit: "count",
      ...trend,
      groups: countGroups(facts.map((f) => ({ key: monthOf(f), id: f.id }))),
    },
    {
      name: "mtta_trend",
      definition: definitions.mtta_trend,
      unit: "seconds",
      ...trend,
      groups: durationsTo("acknowledged_at", facts, monthOf),
    },
    {
      name: "mttr_trend",
      definition: definitions.mttr_trend,
      unit: "seconds",
      ...trend,
      groups: durationsTo("resolved_at", facts, monthOf),
    },
  ];
}

/** The incidents behind a KPI number, for the records drawer: one query, in trigger order. */
export async function incidentRecords(db: Kysely<Tables>, ids: string[]) {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom("incidents")
    .select(["id", "number", "title", "severity", "status", "service", "created_at"])
    .where("id", "in", ids)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    number: Number(r.number),
    title: r.title,
    severity: r.severity,
    status: r.status,
    service: r.service,
    createdAt: r.created_at,
  }));
}
