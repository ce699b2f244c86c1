import { type Clock, toIso } from "../../platform/clock.ts";
import type { Database } from "../../platform/db/database.ts";
import { alertNoiseKpis } from "./alert-noise.ts";
import { followupKpis } from "./followup-kpis.ts";
import { incidentFacts, incidentKpis } from "./incident-kpis.ts";
import type { GroupBy, KpisResponse, KpiView } from "./kpis.schema.ts";
import { oncallKpis, pageFacts } from "./oncall-load.ts";
import { serviceTeams } from "./service-owners.ts";

export interface KpiRange {
  from: Date;
  to: Date;
  groupBy: GroupBy;
}

/**
 * Every KPI for a range: set-wise reads (one query per source table, aggregates over the million-row alert
 * table in SQL), then grouping, means and medians in TypeScript over the same rows on either engine. The
 * sources are independent, so their reads run concurrently (several pool connections on PostgreSQL).
 */
export async function computeKpis(db: Database, clock: Clock, range: KpiRange): Promise<KpisResponse> {
  const from = toIso(range.from);
  const to = toIso(range.to);
  const incidents = async (): Promise<{ incident: KpiView[]; followups: KpiView[] }> => {
    const [facts, teams] = await Promise.all([
      incidentFacts(db.read, from, to),
      range.groupBy === "team" ? serviceTeams(db) : new Map<string, string>(),
    ]);
    const followups = await followupKpis(db, {
      from,
      to,
      now: toIso(clock.now()),
      incidentIds: facts.map((f) => f.id),
    });
    return { incident: incidentKpis(facts, range.groupBy, teams), followups };
  };
  const [{ incident, followups }, pages, noise] = await Promise.all([
    incidents(),
    pageFacts(db.read, from, to).then(oncallKpis),
    alertNoiseKpis(db.read, from, to, range.groupBy),
  ]);
  return { from, to, groupBy: range.groupBy, kpis: [...incident, ...pages, ...noise, ...followups] };
}
