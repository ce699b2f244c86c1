import { useQuery } from "@tanstack/react-query";
import { getRouteApi, Link } from "@tanstack/react-router";
import { EmptyState, PageHeader, Panel, QueryState } from "../../ui/Page.tsx";
import { LiveBadge } from "../incidents/LiveBadge.tsx";
import { useIncidentStream } from "../incidents/useIncidentStream.ts";
import { AlertFilters } from "./AlertFilters.tsx";
import { AlertsTabs } from "./AlertsTabs.tsx";
import { AlertTable } from "./AlertTable.tsx";
import { alertPageLimit, alertsQuery } from "./queries.ts";
import { type AlertStatus, alertStatuses } from "./types.ts";
import "../incidents/incidents.css";
import "./alerts.css";

const route = getRouteApi("/signed-in/alerts");

const statusLabels: Record<AlertStatus, string> = {
  firing: "Firing",
  suppressed: "Suppressed",
  resolved: "Resolved",
};

/** Alerts as they arrived, newest first: open (firing), silenced (suppressed) or resolved. */
export function AlertsPage() {
  const search = route.useSearch();
  const { status = "firing", ...filters } = search;
  const list = useQuery(alertsQuery(search));
  const live = useIncidentStream();
  const items = list.data?.items ?? [];
  const total = list.data?.total ?? 0;
  const filtered = Boolean(filters.integration || filters.service || filters.severity || filters.label);
  return (
    <>
      <PageHeader
        title="Alerts"
        description="Alerts from Alertmanager, Grafana, PagerDuty senders and webhooks, deduplicated and grouped into incidents."
        actions={<LiveBadge state={live} />}
      />
      <AlertsTabs />
      <nav className="subtabs" aria-label="Alert status">
        {alertStatuses.map((s) => (
          <Link
            key={s}
            to="/alerts"
            search={{ ...filters, status: s === "firing" ? undefined : s }}
            className="subtab"
            aria-current={s === status ? "page" : undefined}
          >
            {statusLabels[s]}
          </Link>
        ))}
      </nav>
      <Panel>
        <AlertFilters filters={search} />
      </Panel>
      <Panel>
        <QueryState isPending={list.isPending} error={list.error}>
          {items.length === 0 ? (
            <EmptyState>
              {filtered
                ? `No ${statusLabels[status].toLowerCase()} alerts match these filters.`
                : status === "firing"
                  ? "No alert is firing."
                  : `No ${statusLabels[status].toLowerCase()} alerts.`}
            </EmptyState>
          ) : (
            <>
              <AlertTable items={items} busy={list.isPlaceholderData} />
              <p className="muted small table-footnote">
                {list.data?.totalIsLowerBound ? "At least " : ""}
                {total} {total === 1 ? "alert" : "alerts"}
                {total > items.length
                  ? `; showing the newest ${alertPageLimit}. Narrow the filters to see older ones.`
                  : ""}
              </p>
            </>
          )}
        </QueryState>
      </Panel>
    </>
  );
}
