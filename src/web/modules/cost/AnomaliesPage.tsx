import { useQuery } from "@tanstack/react-query";
import { getRouteApi, Link, useNavigate } from "@tanstack/react-router";
import { Fragment, useState } from "react";
import { EmptyState, PageHeader, Panel, QueryState } from "../../ui/Page.tsx";
import { CostTabs } from "./CostTabs.tsx";
import { CsvButton } from "./CsvButton.tsx";
import { addDays } from "./dates.ts";
import { formatMoney, keyLabel } from "./format.ts";
import { anomaliesQuery } from "./queries.ts";
import { RangePicker } from "./RangePicker.tsx";
import { useShowMore } from "./ShowMore.tsx";
import { rangeOf } from "./search.ts";
import { type Anomaly, dimensionLabels } from "./types.ts";
import "./cost.css";

const route = getRouteApi("/signed-in/cost/anomalies");

/** Which resources made the day expensive: the drill-down of one anomaly. */
function Drivers({ anomaly }: { anomaly: Anomaly }) {
  const csv = () => ({
    header: ["Anomaly", "Day", "Resource id", "Resource name", `Amount (${anomaly.currency})`],
    rows: anomaly.drivers.map((d) => [anomaly.id, anomaly.day, d.resourceId, d.resourceName, d.amount]),
  });
  if (anomaly.drivers.length === 0) return <p className="muted small">No single resource stands out.</p>;
  return (
    <div className="drivers">
      <div className="table-toolbar">
        <h3>Largest resources that day</h3>
        <CsvButton name={["cost-anomaly-drivers", anomaly.day, anomaly.key ?? "unallocated"]} table={csv} />
      </div>
      <table className="cost-table drivers-table">
        <thead>
          <tr>
            <th scope="col">Resource</th>
            <th scope="col">Id</th>
            <th scope="col" className="num">
              Cost that day
            </th>
          </tr>
        </thead>
        <tbody>
          {anomaly.drivers.map((d, i) => (
            <tr key={d.resourceId ?? i}>
              <td>{d.resourceName ?? "—"}</td>
              <td className="mono small">{d.resourceId ?? "—"}</td>
              <td className="num">{formatMoney(d.amount, anomaly.currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const anomalyDimensionLabel = (d: string) =>
  d in dimensionLabels ? dimensionLabels[d as keyof typeof dimensionLabels] : d;

/** The alerts page filters by label terms separated by spaces: a key with spaces is left out. */
function alertTerms(a: Anomaly): string {
  const terms = ["alertname=CostAnomaly", `dimension=${a.dimension}`, `day=${a.day}`];
  if (a.key && !/[\s,]/.test(a.key)) terms.push(`key=${a.key}`);
  return terms.join(" ");
}

function AnomalyRow({ anomaly: a, open, toggle }: { anomaly: Anomaly; open: boolean; toggle: () => void }) {
  const detailsId = `anomaly-${a.id}-drivers`;
  return (
    <Fragment>
      <tr data-anomaly={a.id} className={open ? "row-open" : undefined}>
        <td>
          <button
            type="button"
            className="button button-ghost button-small expand-button"
            aria-expanded={open}
            aria-controls={detailsId}
            onClick={toggle}
            aria-label={`${open ? "Hide" : "Show"} drivers of ${keyLabel(a.key)} on ${a.day}`}
          >
            {open ? "▾" : "▸"}
          </button>
        </td>
        <td className="nowrap">{a.day}</td>
        <td>
          <span className="muted small">{anomalyDimensionLabel(a.dimension)}</span> {keyLabel(a.key)}
        </td>
        <td className="num">{formatMoney(a.actual, a.currency)}</td>
        <td className="num">{formatMoney(a.expected, a.currency)}</td>
        <td className="num amount-over">+{formatMoney(a.impact, a.currency)}</td>
        <td className="num" title="Robust z-score: how many spreads above the baseline">
          {Number(a.deviation).toFixed(1)}σ
        </td>
        <td>
          {a.alertId ? (
            <Link
              to="/alerts"
              search={{ label: alertTerms(a) }}
              title="The alert raised for this anomaly (firing; the Resolved tab once it is over)"
            >
              Alert
            </Link>
          ) : (
            <span className="muted">—</span>
          )}
          {a.dimension in { team: 1, service: 1, subAccount: 1, serviceName: 1, region: 1, env: 1 } &&
          a.key ? (
            <>
              {" · "}
              <Link
                to="/cost"
                search={{
                  from: addDays(a.day, -13),
                  to: addDays(a.day, 1),
                  groupBy: "serviceName",
                  [a.dimension]: a.key,
                }}
              >
                Explore
              </Link>
            </>
          ) : null}
        </td>
      </tr>
      {open ? (
        <tr className="drivers-row" id={detailsId}>
          <td />
          <td colSpan={7}>
            <Drivers anomaly={a} />
          </td>
        </tr>
      ) : null}
    </Fragment>
  );
}

/** Days that cost much more than their baseline, newest first; a row opens to the resources behind it. */
export function AnomaliesPage() {
  const navigate = useNavigate();
  const range = rangeOf(route.useSearch());
  const anomalies = useQuery(anomaliesQuery(range));
  const [open, setOpen] = useState<string | null>(null);
  const [dimension, setDimension] = useState("");
  const all = anomalies.data?.items ?? [];
  const dimensionsFound = [...new Set(all.map((a) => a.dimension))].sort();
  const items = dimension ? all.filter((a) => a.dimension === dimension) : all;
  const more = useShowMore(items, 25);
  const csv = () => ({
    header: [
      "Day",
      "Dimension",
      "Key",
      "Currency",
      "Actual",
      "Expected",
      "Impact",
      "Deviation",
      "Top driver",
      "Alert id",
    ],
    rows: items.map((a) => [
      a.day,
      a.dimension,
      keyLabel(a.key),
      a.currency,
      a.actual,
      a.expected,
      a.impact,
      String(a.deviation),
      a.drivers[0]?.resourceName ?? a.drivers[0]?.resourceId ?? "",
      a.alertId ?? "",
    ]),
  });
  return (
    <>
      <PageHeader
        title="Cost anomalies"
        description="Days whose cost rose well above the usual for a team, service or account."
      />
      <CostTabs />
      <Panel className="cost-controls">
        <RangePicker range={range} onChange={(r) => void navigate({ to: "/cost/anomalies", search: r })} />
      </Panel>
      <Panel>
        <QueryState isPending={anomalies.isPending} error={anomalies.error}>
          {all.length === 0 ? (
            <EmptyState>No anomalies in this range.</EmptyState>
          ) : (
            <>
              <div className="table-toolbar">
                <div className="field field-inline">
                  <label htmlFor="anomaly-dimension">Where</label>
                  <select
                    id="anomaly-dimension"
                    value={dimension}
                    onChange={(e) => setDimension(e.target.value)}
                  >
                    <option value="">Everywhere ({all.length})</option>
                    {dimensionsFound.map((d) => (
                      <option key={d} value={d}>
                        {anomalyDimensionLabel(d)} ({all.filter((a) => a.dimension === d).length})
                      </option>
                    ))}
                  </select>
                </div>
                <p className="muted small">
                  {items.length} {items.length === 1 ? "anomaly" : "anomalies"}, newest first; open a row for
                  the resources behind it.
                </p>
                <CsvButton name={["cost-anomalies", range.from, range.to]} table={csv} />
              </div>
              <div className="table-wrap">
                <table
                  className="cost-table anomaly-table"
                  aria-busy={anomalies.isPlaceholderData || undefined}
                >
                  <thead>
                    <tr>
                      <th scope="col" aria-label="Drivers" />
                      <th scope="col">Day</th>
                      <th scope="col">Where</th>
                      <th scope="col" className="num">
                        Actual
                      </th>
                      <th scope="col" className="num">
                        Expected
                      </th>
                      <th scope="col" className="num">
                        Impact
                      </th>
                      <th scope="col" className="num">
                        Deviation
                      </th>
                      <th scope="col">Links</th>
                    </tr>
                  </thead>
                  <tbody>
                    {more.visible.map((a) => (
                      <AnomalyRow
                        key={a.id}
                        anomaly={a}
                        open={open === a.id}
                        toggle={() => setOpen(open === a.id ? null : a.id)}
                      />
                    ))}
                  </tbody>
                </table>
              </div>
              {more.button}
            </>
          )}
        </QueryState>
      </Panel>
    </>
  );
}
