import type { Database } from "../../platform/db/database.ts";
import { listActionItemFacts, listPostmortemFacts } from "../postmortems/index.ts";
import { listSloSummaries } from "../slo/index.ts";
import type { KpiView } from "./kpis.schema.ts";
import { noTeam } from "./service-owners.ts";
import { capIds, countGroups } from "./stats.ts";

/** Each SLO's status as of `at`: the SLO module computes it for "now", so it gets a clock stopped at `at`. */
async function availability(db: Database, at: string): Promise<KpiView["groups"]> {
  const stopped = { now: () => new Date(at) };
  const slos = await listSloSummaries(db, stopped);
  return slos
    .map((s) => ({
      key: `${s.service}/${s.name}`,
      mean: null,
      median: null,
      n: 1,
      value: s.sli,
      target: s.objective,
      recordIds: [s.name],
      recordIdsTruncated: false,
    }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** KPIs whose records belong to other modules (SLOs, postmortems), read through their indexes. */
export async function followupKpis(
  db: Database,
  range: { from: string; to: string; now: string; incidentIds: string[] },
): Promise<KpiView[]> {
  const postmortems = await listPostmortemFacts(db.read, { incidentIds: range.incidentIds });
  const published = postmortems.filter((p) => p.status === "published");
  const overdueAt = [range.to, range.now].sort()[0] as string;
  const overdue = await listActionItemFacts(db.read, { overdueAt });
  return [
    {
      name: "availability",
      definition:
        "Availability per service against its SLO: each SLO's SLI (good/total events) over the SLO's own window (e.g. 28 days) ending at `to` (or now, if earlier), with the SLO's objective as `target`. value = the SLI (null without data). SLOs are defined over their window, not over [from, to).",
      unit: "ratio",
      recordType: "slo",
      groupedBy: "service/slo",
      unavailable: null,
      groups: await availability(db, overdueAt),
    },
    {
      name: "postmortem_completion",
      definition:
        "Share (0-1) of the postmortems of incidents triggered in [from, to) that are published. n = postmortems; recordIds = the postmortems not yet published. Incidents without a postmortem are not counted.",
      unit: "ratio",
      recordType: "postmortem",
      groupedBy: "all",
      unavailable: null,
      groups:
        postmortems.length === 0
          ? []
          : [
              {
                key: "all",
                mean: null,
                median: null,
                n: postmortems.length,
                value: Math.round((published.length / postmortems.length) * 10_000) / 10_000,
                ...capIds(postmortems.filter((p) => p.status !== "published").map((p) => p.postmortemId)),
              },
            ],
    },
    {
      name: "overdue_action_items",
      definition:
        "Postmortem action items still open or in progress whose due date is before the end of the range (or today, if earlier), per owning team. They are not limited to the range's incidents: overdue is a state of now.",
      unit: "count",
      recordType: "action-item",
      groupedBy: "team",
      unavailable: null,
      groups: countGroups(
        overdue.map((a) => ({ key: a.ownerTeam ?? noTeam, id: a.id })),
        "count",
      ),
    },
  ];
}
