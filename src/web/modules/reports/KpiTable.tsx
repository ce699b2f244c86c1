import { duration, precise, share } from "./format.ts";
import type { RecordsSelection } from "./RecordsDrawer.tsx";
import type { KpiGroup, KpiView } from "./types.ts";

const titles: Record<string, string> = {
  mtta: "MTTA (time to acknowledge)",
  mttr: "MTTR (time to resolve)",
  incident_count: "Incidents",
  incident_trend: "Incidents per month",
  mtta_trend: "MTTA per month",
  mttr_trend: "MTTR per month",
  availability: "Availability against SLO",
  pages_per_person: "Pages per person",
  pages_outside_working_hours: "Pages outside working hours",
  pages_at_night: "Pages 22:00-07:00",
  top_alerts: "Top alerts",
  alerts_resolved_without_ack: "Alerts resolved without acknowledgement",
  flapping_alerts: "Flapping alerts",
  postmortem_completion: "Postmortems published",
  overdue_action_items: "Overdue action items",
};

export const kpiTitle = (name: string) => titles[name] ?? name;

/** A number that opens the records behind it. */
function RecordsButton(props: {
  label: string;
  kpi: KpiView;
  group: KpiGroup;
  onOpen: (s: RecordsSelection) => void;
}) {
  return (
    <button
      type="button"
      className="number-link"
      title={`Show the ${props.group.recordIds.length} records behind this number`}
      onClick={() => props.onOpen({ kpi: props.kpi, group: props.group })}
    >
      {props.label}
    </button>
  );
}

/** One KPI: its definition, then a row per group with every number linking to its records. */
export function KpiTable({ kpi, onOpen }: { kpi: KpiView; onOpen: (s: RecordsSelection) => void }) {
  const durationKpi = kpi.unit === "seconds";
  // Availability holds each SLI against its objective: more digits, and the objective beside it.
  const targeted = kpi.groups.some((g) => g.target !== undefined && g.target !== null);
  const ratio = targeted ? precise : share;
  return (
    <section className="kpi-card" data-kpi={kpi.name} aria-label={kpiTitle(kpi.name)}>
      <h3>{kpiTitle(kpi.name)}</h3>
      <details className="kpi-definition">
        <summary className="small muted">Definition</summary>
        <p className="small">{kpi.definition}</p>
      </details>
      {kpi.unavailable ? (
        <p className="empty small">Not available: {kpi.unavailable}.</p>
      ) : kpi.groups.length === 0 ? (
        <p className="empty small">Nothing in this range.</p>
      ) : (
        <div className="table-wrap">
          <table className="kpi-table">
            <thead>
              <tr>
                <th scope="col">{kpi.groupedBy}</th>
                {durationKpi ? (
                  <>
                    <th scope="col" className="num">
                      Mean
                    </th>
                    <th scope="col" className="num">
                      Median
                    </th>
                    <th scope="col" className="num">
                      n
                    </th>
                  </>
                ) : kpi.unit === "ratio" ? (
                  <>
                    {targeted ? (
                      <th scope="col" className="num">
                        Objective
                      </th>
                    ) : null}
                    <th scope="col" className="num">
                      {targeted ? "SLI" : "Share"}
                    </th>
                    <th scope="col" className="num">
                      n
                    </th>
                  </>
                ) : (
                  <th scope="col" className="num">
                    {kpi.name === "flapping_alerts" ? "Re-opened" : "Count"}
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {kpi.groups.map((g) => {
                const open = (label: string) => (
                  <RecordsButton label={label} kpi={kpi} group={g} onOpen={onOpen} />
                );
                return (
                  <tr key={g.key} data-group={g.key}>
                    <td className="kpi-key">{g.key}</td>
                    {durationKpi ? (
                      <>
                        <td className="num">{open(duration(g.mean))}</td>
                        <td className="num">{open(duration(g.median))}</td>
                        <td className="num">{open(String(g.n))}</td>
                      </>
                    ) : kpi.unit === "ratio" ? (
                      <>
                        {targeted ? <td className="num">{precise(g.target)}</td> : null}
                        <td className="num">{open(ratio(g.value))}</td>
                        <td className="num">{g.n}</td>
                      </>
                    ) : (
                      <td className="num">{open(String(g.value ?? g.n))}</td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
