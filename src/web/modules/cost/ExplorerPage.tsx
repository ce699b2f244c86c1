import { useQuery } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { EmptyState, PageHeader, Panel, QueryState } from "../../ui/Page.tsx";
import { BreakdownTable, searchOf } from "./BreakdownTable.tsx";
import { CostTabs } from "./CostTabs.tsx";
import { stackDays } from "./chart.ts";
import { lastMonthOf } from "./dates.ts";
import { ExplorerFilters } from "./ExplorerFilters.tsx";
import { ForecastPanel } from "./ForecastPanel.tsx";
import { breakdownQuery, dailyQuery } from "./queries.ts";
import { RangePicker } from "./RangePicker.tsx";
import { StackedBars } from "./StackedBars.tsx";
import { costView } from "./search.ts";
import { type Dimension, dimensionLabels, metricLabels } from "./types.ts";
import "./cost.css";

const route = getRouteApi("/signed-in/cost");

/** Where the money goes: daily cost stacked by a dimension, the breakdown and the month-end forecast. */
export function ExplorerPage() {
  const search = route.useSearch();
  const navigate = useNavigate();
  const view = costView(search);
  const daily = useQuery(dailyQuery(view));
  const breakdown = useQuery(breakdownQuery(view));
  const stacked = daily.data ? stackDays(daily.data, view) : undefined;
  const groupName =
    view.groupBy in dimensionLabels
      ? dimensionLabels[view.groupBy as Dimension]
      : `tag ${view.groupBy.slice(4)}`;
  const narrowed = Object.entries(view.filters).some(([k, v]) => v && k !== "team");
  return (
    <>
      <PageHeader
        title="Cost"
        description="Cloud spend from FOCUS billing exports, allocated to teams and services by tags and catalog ownership."
      />
      <CostTabs />
      <Panel className="cost-controls">
        <RangePicker
          range={view}
          onChange={(r) => void navigate({ to: "/cost", search: { ...searchOf(view), ...r } })}
        />
        <ExplorerFilters view={view} />
      </Panel>
      <Panel title={`Daily ${metricLabels[view.metric].toLowerCase()} by ${groupName.toLowerCase()}`}>
        <QueryState isPending={daily.isPending} error={daily.error}>
          {daily.data && stacked ? (
            stacked.series.length === 0 ? (
              <EmptyState>
                No cost in this range. Import a billing export on the Imports tab, or pick another range.
              </EmptyState>
            ) : (
              <StackedBars
                data={stacked}
                currency={daily.data.currency}
                busy={daily.isPlaceholderData}
                title={`Daily ${metricLabels[view.metric].toLowerCase()} by ${groupName.toLowerCase()}`}
              />
            )
          ) : null}
        </QueryState>
      </Panel>
      <div className="cost-columns">
        <Panel title="Breakdown">
          <QueryState isPending={breakdown.isPending} error={breakdown.error}>
            {breakdown.data ? (
              breakdown.data.rows.length === 0 && Number(breakdown.data.total) === 0 ? (
                <EmptyState>No cost matches this range and these filters.</EmptyState>
              ) : (
                <BreakdownTable
                  breakdown={breakdown.data}
                  view={view}
                  series={stacked?.series ?? []}
                  busy={breakdown.isPlaceholderData}
                />
              )
            ) : null}
          </QueryState>
        </Panel>
        <ForecastPanel month={lastMonthOf(view)} team={view.filters.team} narrowed={narrowed} />
      </div>
    </>
  );
}
