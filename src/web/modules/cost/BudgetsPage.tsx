import { useQuery } from "@tanstack/react-query";
import { getRouteApi, Link, useNavigate } from "@tanstack/react-router";
import { EmptyState, PageHeader, Panel, QueryState } from "../../ui/Page.tsx";
import { budgetsCsv } from "./budgets-csv.ts";
import { CostTabs } from "./CostTabs.tsx";
import { CsvButton } from "./CsvButton.tsx";
import { dayOf, periodLabel, recentPeriods } from "./dates.ts";
import { ForecastBar } from "./ForecastPanel.tsx";
import { formatMoney, formatPercent } from "./format.ts";
import { budgetsQuery, varianceQuery } from "./queries.ts";
import type { Budget, BudgetStatus } from "./types.ts";
import "./cost.css";

const route = getRouteApi("/signed-in/cost/budgets");

const statusLabels: Record<BudgetStatus, string> = { ok: "On track", "at-risk": "At risk", over: "Over" };
const statusBadge: Record<BudgetStatus, string> = {
  ok: "badge-ok",
  "at-risk": "badge-warn",
  over: "badge-danger",
};

export function BudgetStatusBadge({ status }: { status: BudgetStatus }) {
  return <span className={`badge ${statusBadge[status] ?? ""}`}>{statusLabels[status] ?? status}</span>;
}

/** Budgets with where they stand: actual, forecast with its interval, the amount, thresholds crossed. */
export function BudgetTable({ items }: { items: Budget[] }) {
  return (
    <div className="table-wrap">
      <table className="cost-table budget-table">
        <thead>
          <tr>
            <th scope="col">Budget</th>
            <th scope="col">Period</th>
            <th scope="col" className="num">
              Budget
            </th>
            <th scope="col" className="num">
              Actual
            </th>
            <th scope="col" className="num">
              Forecast
            </th>
            <th scope="col">Progress</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {items.map((b) => (
            <tr key={b.name} data-budget={b.name} data-status={b.status}>
              <td>
                <strong>{b.name}</strong>
                <div className="muted small">
                  {b.scope.team ? (
                    <Link to="/admin/teams/$name" params={{ name: b.scope.team }}>
                      team {b.scope.team}
                    </Link>
                  ) : null}
                  {b.scope.team && b.scope.service ? ", " : null}
                  {b.scope.service ? `service ${b.scope.service}` : null}
                  {!b.scope.team && !b.scope.service ? "all spend" : null}
                </div>
              </td>
              <td className="nowrap">
                {b.period === "monthly" ? "Monthly" : "Quarterly"}
                <div className="muted small">
                  {b.periodStart.slice(0, 10)} → {b.periodEnd.slice(0, 10)}
                </div>
              </td>
              <td className="num">{formatMoney(b.amount, b.currency)}</td>
              <td className="num">
                {formatMoney(b.actual, b.currency)}
                <div className="muted small">{formatPercent(b.percentUsed)} used</div>
              </td>
              <td className="num">
                {formatMoney(b.forecast, b.currency)}
                <div className="muted small nowrap">
                  {formatMoney(b.forecastLow, b.currency)} – {formatMoney(b.forecastHigh, b.currency)}
                </div>
              </td>
              <td className={`budget-progress status-${b.status}`}>
                <ForecastBar
                  figures={{
                    actualToDate: b.actual,
                    forecast: b.forecast,
                    low: b.forecastLow,
                    high: b.forecastHigh,
                  }}
                  budget={b.amount}
                />
                {b.thresholds.length > 0 ? (
                  <ul className="threshold-list">
                    {b.thresholds.map((t) => (
                      <li key={`${t.percent}-${t.of}`} className={t.breached ? "breached" : undefined}>
                        {formatPercent(t.percent, 0)} of {t.of}
                        {t.breached ? " · crossed" : ""}
                      </li>
                    ))}
                  </ul>
                ) : null}
              </td>
              <td>
                <BudgetStatusBadge status={b.status} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The variance answer carries no currency; the budgets list does (keyed by budget name). */
function VariancePanel({ period, currencies }: { period: string; currencies: Map<string, string> }) {
  const currencyOf = (name: string) => currencies.get(name) ?? currencies.values().next().value ?? "USD";
  const navigate = useNavigate();
  const variance = useQuery(varianceQuery(period));
  const items = variance.data?.items ?? [];
  const csv = () => ({
    header: ["Budget", "Period", "Amount", "Actual", "Forecast", "Variance", "Variance %"],
    rows: items.map((v) => [
      v.name,
      period,
      v.amount,
      v.actual,
      v.forecast,
      v.variance,
      v.variancePercent === null ? "" : String(v.variancePercent),
    ]),
  });
  return (
    <Panel title={`Variance · ${periodLabel(period)}`}>
      <div className="table-toolbar">
        <div className="field field-inline">
          <label htmlFor="variance-period">Period</label>
          <select
            id="variance-period"
            value={period}
            onChange={(e) => void navigate({ to: "/cost/budgets", search: { period: e.target.value } })}
          >
            {[...new Set([period, ...recentPeriods(dayOf(new Date()))])].map((p) => (
              <option key={p} value={p}>
                {periodLabel(p)}
              </option>
            ))}
          </select>
        </div>
        {items.length > 0 ? <CsvButton name={["cost-budget-variance", period]} table={csv} /> : null}
      </div>
      <QueryState isPending={variance.isPending} error={variance.error}>
        {items.length === 0 ? (
          <EmptyState>No budget covers {periodLabel(period)}.</EmptyState>
        ) : (
          <div className="table-wrap">
            <table className="cost-table variance-table" aria-busy={variance.isPlaceholderData || undefined}>
              <thead>
                <tr>
                  <th scope="col">Budget</th>
                  <th scope="col" className="num">
                    Budget
                  </th>
                  <th scope="col" className="num">
                    Actual
                  </th>
                  <th scope="col" className="num">
                    Forecast
                  </th>
                  <th scope="col" className="num">
                    Variance
                  </th>
                  <th scope="col" className="num">
                    Variance %
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map((v) => {
                  const over = Number(v.variance) > 0;
                  return (
                    <tr key={v.name} data-budget={v.name}>
                      <td>{v.name}</td>
                      <td className="num">{formatMoney(v.amount, currencyOf(v.name))}</td>
                      <td className="num">{formatMoney(v.actual, currencyOf(v.name))}</td>
                      <td className="num">{formatMoney(v.forecast, currencyOf(v.name))}</td>
                      <td className={`num ${over ? "amount-over" : "amount-under"}`}>
                        {formatMoney(v.variance, currencyOf(v.name))}
                      </td>
                      <td className="num">
                        {v.variancePercent === null ? "—" : formatPercent(v.variancePercent)}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            <p className="muted small">
              Variance is the forecast minus the budget (the actual once the period is over); positive means
              over budget.
            </p>
          </div>
        )}
      </QueryState>
    </Panel>
  );
}

export function BudgetsPage() {
  const { period = dayOf(new Date()).slice(0, 7) } = route.useSearch();
  const budgets = useQuery(budgetsQuery);
  const items = budgets.data?.items ?? [];
  const overCount = items.filter((b) => b.status !== "ok").length;
  return (
    <>
      <PageHeader
        title="Budgets"
        description="Monthly and quarterly budgets per team or service, with the forecast at period end."
      />
      <CostTabs />
      <Panel title="Budgets this period">
        <QueryState isPending={budgets.isPending} error={budgets.error}>
          {items.length === 0 ? (
            <EmptyState>
              No budgets yet. Declare one with a CostBudget manifest (see docs/cost.md).
            </EmptyState>
          ) : (
            <>
              <div className="table-toolbar">
                <p className="muted small">
                  {items.length} {items.length === 1 ? "budget" : "budgets"}
                  {overCount > 0 ? ` · ${overCount} at risk or over` : " · all on track"} · progress: bar =
                  actual, band = forecast range, line = forecast, dashed line = budget.
                </p>
                <CsvButton name={["cost-budgets", period]} table={() => budgetsCsv(items)} />
              </div>
              <BudgetTable items={items} />
            </>
          )}
        </QueryState>
      </Panel>
      <VariancePanel period={period} currencies={new Map(items.map((b) => [b.name, b.currency]))} />
    </>
  );
}
