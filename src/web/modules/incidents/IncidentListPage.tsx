import { useQuery } from "@tanstack/react-query";
import { getRouteApi, Link } from "@tanstack/react-router";
import { useState } from "react";
import { useMe } from "../../lib/session.ts";
import { roleAtLeast } from "../../lib/types.ts";
import { EmptyState, PageHeader, Panel, QueryState } from "../../ui/Page.tsx";
import { DeclareIncidentForm } from "./DeclareIncidentForm.tsx";
import { IncidentFilters } from "./IncidentFilters.tsx";
import { IncidentTable } from "./IncidentTable.tsx";
import { LiveBadge } from "./LiveBadge.tsx";
import { incidentCountsQuery, incidentListQuery, listLimit } from "./queries.ts";
import { type StatusFilter, statusFilterLabels, statusFilters } from "./search.ts";
import { useIncidentStream } from "./useIncidentStream.ts";
import "./incidents.css";

const route = getRouteApi("/signed-in/incidents");

type Counts = { triggered: number; acknowledged: number; resolved: number; total: number; capped: boolean };

function countOf(counts: Counts | undefined, status: StatusFilter): string {
  if (!counts) return "";
  const n =
    status === "all"
      ? counts.total
      : status === "open"
        ? counts.triggered + counts.acknowledged
        : counts[status];
  return counts.capped ? `${n}+` : String(n);
}

/** Incidents, filtered by what the URL says, kept current by the live stream. */
export function IncidentListPage() {
  const search = route.useSearch();
  const { status = "open", ...filters } = search;
  const me = useMe();
  const canRespond = roleAtLeast(me.role, "responder");
  const [declaring, setDeclaring] = useState(false);
  const list = useQuery(incidentListQuery(search));
  const counts = useQuery(incidentCountsQuery(filters));
  const live = useIncidentStream();
  const filtered = Boolean(
    filters.severity || filters.service || filters.range || filters.from || filters.to,
  );

  return (
    <>
      <PageHeader
        title="Incidents"
        description="Everything that is or was on fire: from alerts, or declared by a person."
        actions={
          <>
            <LiveBadge state={live} />
            {canRespond && !declaring ? (
              <button type="button" className="button button-primary" onClick={() => setDeclaring(true)}>
                Declare incident
              </button>
            ) : null}
          </>
        }
      />
      {declaring ? <DeclareIncidentForm onDone={() => setDeclaring(false)} /> : null}
      <nav className="tabs" aria-label="Incident status">
        {statusFilters.map((s) => (
          <Link
            key={s}
            to="/incidents"
            search={{ ...filters, status: s === "open" ? undefined : s }}
            className="tab"
            aria-current={s === status ? "page" : undefined}
          >
            {statusFilterLabels[s]}
            <span className={`tab-count tab-count-${s}`} data-count={s}>
              {countOf(counts.data, s)}
            </span>
          </Link>
        ))}
      </nav>
      <Panel>
        <IncidentFilters filters={search} />
      </Panel>
      <Panel>
        <QueryState isPending={list.isPending} error={list.error}>
          {list.data && list.data.items.length === 0 ? (
            <EmptyState>
              {status === "open" && !filtered
                ? "No open incidents. All quiet."
                : "No incidents match these filters."}
            </EmptyState>
          ) : null}
          {list.data && list.data.items.length > 0 ? (
            <>
              <IncidentTable items={list.data.items} busy={list.isPlaceholderData} />
              <p className="muted small table-footnote">
                {list.data.items.length >= listLimit
                  ? `Showing the newest ${listLimit}; narrow the filters to see older incidents.`
                  : `${list.data.items.length} ${list.data.items.length === 1 ? "incident" : "incidents"}`}
              </p>
            </>
          ) : null}
        </QueryState>
      </Panel>
    </>
  );
}
