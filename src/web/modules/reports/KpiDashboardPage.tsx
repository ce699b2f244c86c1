import { useQuery } from "@tanstack/react-query";
import { Link, useNavigate } from "@tanstack/react-router";
import { type FormEvent, useCallback, useState } from "react";
import { PageHeader, Panel, QueryState } from "../../ui/Page.tsx";
import { KpiTable } from "./KpiTable.tsx";
import { kpisQuery } from "./queries.ts";
import { RecordsDrawer, type RecordsSelection } from "./RecordsDrawer.tsx";
import { kpisRoute } from "./routes.ts";
import { effectiveRange } from "./search.ts";
import { CountBars, DurationLines } from "./TrendChart.tsx";
import { type GroupBy, groupByOptions, type KpisResponse, type KpiView } from "./types.ts";
import "./reports.css";

const sections: { title: string; names: KpiView["name"][] }[] = [
  { title: "Response", names: ["mtta", "mttr", "incident_count"] },
  { title: "On-call load", names: ["pages_per_person", "pages_outside_working_hours", "pages_at_night"] },
  { title: "Alert noise", names: ["top_alerts", "alerts_resolved_without_ack", "flapping_alerts"] },
  { title: "Follow-up", names: ["postmortem_completion", "overdue_action_items", "availability"] },
];

const atUtc = (day: string) => `${day}T00:00:00Z`;

function RangePicker(props: { from: string; to: string; groupBy: GroupBy }) {
  const navigate = useNavigate({ from: kpisRoute.fullPath });
  const [from, setFrom] = useState(props.from);
  const [to, setTo] = useState(props.to);
  const [groupBy, setGroupBy] = useState<GroupBy>(props.groupBy);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void navigate({ search: { from, to, groupBy } });
  };
  return (
    <form className="filter-bar" onSubmit={submit} aria-label="Range and grouping">
      <div className="field">
        <label htmlFor="kpi-from">From (UTC)</label>
        <input id="kpi-from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} required />
      </div>
      <div className="field">
        <label htmlFor="kpi-to">To (UTC, exclusive)</label>
        <input id="kpi-to" type="date" value={to} onChange={(e) => setTo(e.target.value)} required />
      </div>
      <div className="field">
        <label htmlFor="kpi-group">Group by</label>
        <select id="kpi-group" value={groupBy} onChange={(e) => setGroupBy(e.target.value as GroupBy)}>
          {groupByOptions.map((g) => (
            <option key={g} value={g}>
              {g}
            </option>
          ))}
        </select>
      </div>
      <div className="filter-actions">
        <button type="submit" className="button button-primary">
          Show
        </button>
      </div>
    </form>
  );
}

/** The monthly trend KPIs come in every answer, whatever the grouping: no second request for the charts. */
function Trends({ data }: { data: KpisResponse | undefined }) {
  if (!data) return null;
  const find = (name: KpiView["name"]) => data.kpis.find((k) => k.name === name)?.groups ?? [];
  const months = find("incident_trend").map((g) => g.key);
  if (months.length === 0) return <p className="empty">No incidents in this range.</p>;
  const meanOf = (name: KpiView["name"]) =>
    months.map((m) => find(name).find((g) => g.key === m)?.mean ?? null);
  return (
    <div className="trend-grid">
      <figure>
        <CountBars
          title="Incidents per month"
          points={find("incident_trend").map((g) => ({ label: g.key, value: g.n }))}
        />
        <figcaption className="small muted">Incidents per month</figcaption>
      </figure>
      <figure>
        <DurationLines
          title="MTTA and MTTR (mean) per month"
          labels={months}
          series={[
            { name: "MTTA", className: "series-a", values: meanOf("mtta_trend") },
            { name: "MTTR", className: "series-b", values: meanOf("mttr_trend") },
          ]}
        />
        <figcaption className="small muted">
          <span className="legend series-a">■ MTTA</span> <span className="legend series-b">■ MTTR</span>{" "}
          (mean per month)
        </figcaption>
      </figure>
    </div>
  );
}

/** KPIs for a range with their definitions; every number opens the records behind it. */
export function KpiDashboardPage() {
  const search = kpisRoute.useSearch();
  const range = effectiveRange(search);
  const apiRange = { from: atUtc(range.from), to: atUtc(range.to) };
  const kpis = useQuery(kpisQuery({ ...apiRange, groupBy: range.groupBy }));
  const [selection, setSelection] = useState<RecordsSelection | null>(null);
  const close = useCallback(() => setSelection(null), []);
  return (
    <>
      <PageHeader
        title="KPIs"
        description="Response times, on-call load, alert noise and follow-up, each with its definition. Click a number for the records behind it."
        actions={
          <Link to="/reports/monthly" search={{}} className="button">
            Monthly review
          </Link>
        }
      />
      <RangePicker key={`${range.from}${range.to}${range.groupBy}`} {...range} />
      <Panel title="Trends">
        <QueryState isPending={kpis.isPending} error={kpis.error}>
          <Trends data={kpis.data} />
        </QueryState>
      </Panel>
      <QueryState isPending={kpis.isPending} error={kpis.error}>
        {sections.map((s) => (
          <Panel key={s.title} title={s.title}>
            <div className="kpi-grid">
              {s.names.map((name) => {
                const kpi = kpis.data?.kpis.find((k) => k.name === name);
                return kpi ? <KpiTable key={name} kpi={kpi} onOpen={setSelection} /> : null;
              })}
            </div>
          </Panel>
        ))}
      </QueryState>
      {selection ? <RecordsDrawer selection={selection} onClose={close} /> : null}
    </>
  );
}
