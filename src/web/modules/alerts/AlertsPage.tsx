import { useQuery } from "@tanstack/react-query";
import { getRouteApi, Link } from "@tanstack/react-router";
import { EmptyState, PageHeader, Panel, QueryState } from "../../ui/Page.tsx";
import { LiveBadge } from "../incidents/LiveBadge.tsx";
import { useIncidentStream } from "../incidents/useIncidentStream.ts";
import { AlertFilters } from "./AlertFilters.tsx";
import { AlertsTabs } from "./AlertsTabs.tsx";
import { AlertTable } from "./AlertTable.tsx";
import { alertPageLimit, alertsQuery } from "./queries.ts";
import { labelTerms, matchesLabels } from "./search.ts";
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
  const terms = labelTerms(filters.label);
  // The API filters by status, integration and service; severity and labels are narrowed here.
  const items = (list.data?.items ?? []).filter(
    (a) => (!filters.severity || a.severity === filters.severity) && matchesLabels(a.labels, terms),
  );
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
                {items.length} {items.length === 1 ? "alert" : "alerts"}
                {(list.data?.items.length ?? 0) >= alertPageLimit
                  ? ` among the newest ${alertPageLimit}; narrow by integration or service to see older ones.`
                  : ""}
              </p>
            </>
          )}
        </QueryState>
      </Panel>
    </>
  );
}
