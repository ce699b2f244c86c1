import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { EmptyState, Panel, QueryState } from "../../ui/Page.tsx";
import { BreakdownTable, searchOf } from "./BreakdownTable.tsx";
import { BudgetTable } from "./BudgetsPage.tsx";
import { budgetsCsv } from "./budgets-csv.ts";
import { CsvButton } from "./CsvButton.tsx";
import { stackDays } from "./chart.ts";
import { lastMonthOf } from "./dates.ts";
import { ForecastPanel } from "./ForecastPanel.tsx";
import { breakdownQuery, budgetsQuery, dailyQuery } from "./queries.ts";
import { StackedBars } from "./StackedBars.tsx";
import { costView } from "./search.ts";
import "./cost.css";

/**
 * The cost part of a team page: the team's last 30 days by service, its month-end forecast and its
 * budgets, with a link to the explorer for more.
 */
export function TeamCost({ team }: { team: string }) {
  const view = costView({ groupBy: "service", team });
  const daily = useQuery(dailyQuery(view));
  const breakdown = useQuery(breakdownQuery(view));
  const budgets = useQuery(budgetsQuery);
  const stacked = daily.data ? stackDays(daily.data, view, 5) : undefined;
  const teamBudgets = (budgets.data?.items ?? []).filter((b) => b.scope.team === team);
  return (
    <section className="team-cost" aria-label="Cost">
      <Panel title="Cost · last 30 days">
        <p className="small">
          <Link to="/cost" search={searchOf(view)}>
            Open in the cost explorer
          </Link>
        </p>
        <QueryState isPending={daily.isPending || breakdown.isPending} error={daily.error ?? breakdown.error}>
          {breakdown.data && stacked && daily.data ? (
            stacked.series.length === 0 && Number(breakdown.data.total) === 0 ? (
              <EmptyState>No cost is allocated to this team in the last 30 days.</EmptyState>
            ) : (
              <>
                <StackedBars
                  data={stacked}
                  currency={daily.data.currency}
                  title={`Daily cost of team ${team} by service`}
                />
                <BreakdownTable breakdown={breakdown.data} view={view} series={stacked.series} />
              </>
            )
          ) : null}
        </QueryState>
      </Panel>
      <ForecastPanel month={lastMonthOf(view)} team={team} narrowed={false} />
      {teamBudgets.length > 0 ? (
        <Panel title="Budgets">
          <div className="table-toolbar">
            <span />
            <CsvButton name={["cost-budgets", team]} table={() => budgetsCsv(teamBudgets)} />
          </div>
          <BudgetTable items={teamBudgets} />
        </Panel>
      ) : null}
    </section>
  );
}
