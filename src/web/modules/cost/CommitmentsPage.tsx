import { useQuery } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { EmptyState, PageHeader, Panel, QueryState } from "../../ui/Page.tsx";
import { CostTabs } from "./CostTabs.tsx";
import { CsvButton } from "./CsvButton.tsx";
import { formatMoney, formatShare } from "./format.ts";
import { commitmentsQuery } from "./queries.ts";
import { RangePicker } from "./RangePicker.tsx";
import { RatioBar } from "./RatioBar.tsx";
import { rangeOf } from "./search.ts";
import "./cost.css";

const route = getRouteApi("/signed-in/cost/commitments");

/** Reservations and savings plans: how much of what was bought was used, and what it saved. */
export function CommitmentsPage() {
  const navigate = useNavigate();
  const range = rangeOf(route.useSearch());
  const report = useQuery(commitmentsQuery(range));
  const data = report.data;
  const csv = () => ({
    header: ["Commitment", "Type", "Currency", "Purchased", "Used", "Unused", "Utilization"],
    rows: (data?.items ?? []).map((c) => [
      c.commitmentId,
      c.type,
      data?.currency,
      c.purchased,
      c.used,
      c.unused,
      String(c.utilization),
    ]),
  });
  return (
    <>
      <PageHeader
        title="Commitments"
        description="Reserved instances and savings plans: utilization of what was bought, coverage of eligible usage, and the savings."
      />
      <CostTabs />
      <Panel className="cost-controls">
        <RangePicker range={range} onChange={(r) => void navigate({ to: "/cost/commitments", search: r })} />
      </Panel>
      <QueryState isPending={report.isPending} error={report.error}>
        {data ? (
          <>
            <section className="cost-kpis" aria-label="Commitment summary">
              <div className="card kpi" data-kpi="coverage">
                <h3>Coverage</h3>
                <p className="kpi-value">{formatShare(data.coverage)}</p>
                <RatioBar ratio={data.coverage} label="Coverage" />
                <p className="muted small">of commitment-eligible usage ran on a commitment.</p>
              </div>
              <div className="card kpi" data-kpi="savings-list">
                <h3>Savings vs list</h3>
                <p className="kpi-value">{formatShare(data.effectiveSavingsRate.vsList)}</p>
                <p className="muted small">Effective cost below the public list price.</p>
              </div>
              <div className="card kpi" data-kpi="savings-contracted">
                <h3>Savings vs contracted</h3>
                <p className="kpi-value">{formatShare(data.effectiveSavingsRate.vsContracted)}</p>
                <p className="muted small">Effective cost below the negotiated (contracted) price.</p>
              </div>
            </section>
            <Panel title="Utilization">
              {data.items.length === 0 ? (
                <EmptyState>No commitment was amortized in this range.</EmptyState>
              ) : (
                <>
                  <div className="table-toolbar">
                    <p className="muted small">Utilization is used ÷ purchased (amortized over the range).</p>
                    <CsvButton name={["cost-commitments", range.from, range.to]} table={csv} />
                  </div>
                  <div className="table-wrap">
                    <table
                      className="cost-table commitment-table"
                      aria-busy={report.isPlaceholderData || undefined}
                    >
                      <thead>
                        <tr>
                          <th scope="col">Commitment</th>
                          <th scope="col">Type</th>
                          <th scope="col" className="num">
                            Purchased
                          </th>
                          <th scope="col" className="num">
                            Used
                          </th>
                          <th scope="col" className="num">
                            Unused
                          </th>
                          <th scope="col">Utilization</th>
                        </tr>
                      </thead>
                      <tbody>
                        {data.items.map((c) => (
                          <tr key={c.commitmentId} data-commitment={c.commitmentId}>
                            <td className="mono small">{c.commitmentId}</td>
                            <td>{c.type}</td>
                            <td className="num">{formatMoney(c.purchased, data.currency)}</td>
                            <td className="num">{formatMoney(c.used, data.currency)}</td>
                            <td className={`num ${Number(c.unused) > 0 ? "amount-over" : ""}`}>
                              {formatMoney(c.unused, data.currency)}
                            </td>
                            <td className="nowrap utilization-cell">
                              <RatioBar ratio={c.utilization} label="Utilization" />{" "}
                              {formatShare(c.utilization)}
                            </td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                </>
              )}
            </Panel>
          </>
        ) : null}
      </QueryState>
    </>
  );
}
