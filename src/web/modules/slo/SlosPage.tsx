import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { EmptyState, PageHeader, Panel, QueryState } from "../../ui/Page.tsx";
import { BudgetBar } from "./BudgetBar.tsx";
import { percent } from "./format.ts";
import { slosQuery } from "./queries.ts";
import type { SloSummary } from "./types.ts";
import "./slo.css";

export function BurningBadge({ burning }: { burning: SloSummary["burning"] }) {
  if (!burning) return null;
  return (
    <span
      className={`badge ${burning === "page" ? "badge-danger" : "badge-warn"}`}
      title="burn-rate alert firing"
    >
      burning: {burning}
    </span>
  );
}

/** Every SLO with its SLI over its window and the error budget left, worst first is the user's sort. */
export function SlosPage() {
  const slos = useQuery(slosQuery);
  return (
    <>
      <PageHeader
        title="SLOs"
        description="Service level objectives, their error budgets and how fast they burn."
        actions={
          <Link to="/slos/rules" className="button">
            Prometheus rules
          </Link>
        }
      />
      <Panel title="Objectives">
        <QueryState isPending={slos.isPending} error={slos.error}>
          {slos.data?.items.length === 0 ? (
            <EmptyState>
              No SLOs yet. Declare one with kind: SLO or an OpenSLO document and run opsdeck apply.
            </EmptyState>
          ) : (
            <div className="table-wrap">
              <table className="slo-table">
                <thead>
                  <tr>
                    <th scope="col">SLO</th>
                    <th scope="col">Service</th>
                    <th scope="col">Objective</th>
                    <th scope="col">Window</th>
                    <th scope="col">SLI</th>
                    <th scope="col">Error budget left</th>
                    <th scope="col">Source</th>
                  </tr>
                </thead>
                <tbody>
                  {slos.data?.items.map((s) => (
                    <tr key={s.name} data-slo={s.name}>
                      <td>
                        <Link to="/slos/$name" params={{ name: s.name }}>
                          {s.name}
                        </Link>{" "}
                        <BurningBadge burning={s.burning} />
                      </td>
                      <td className="nowrap">
                        <Link to="/catalog/$kind/$name" params={{ kind: "service", name: s.service }}>
                          {s.service}
                        </Link>
                      </td>
                      <td className="slo-num">{percent(s.objective)}</td>
                      <td className="small">{s.window}</td>
                      <td className={`slo-num ${s.sli !== null && s.sli < s.objective ? "sli-below" : ""}`}>
                        {percent(s.sli)}
                      </td>
                      <td>
                        <div className="budget-cell">
                          <BudgetBar
                            remaining={s.errorBudget.remaining}
                            label={`Error budget left: ${percent(s.errorBudget.remaining, 1)}`}
                          />
                          <span className="slo-num small">{percent(s.errorBudget.remaining, 1)}</span>
                        </div>
                      </td>
                      <td className="small">
                        {s.indicator}
                        <span className="muted"> · {s.budgetingMethod.toLowerCase()}</span>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </QueryState>
      </Panel>
    </>
  );
}
