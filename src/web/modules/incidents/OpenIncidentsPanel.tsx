import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { EmptyState, Panel, QueryState } from "../../ui/Page.tsx";
import { IncidentTable } from "./IncidentTable.tsx";
import { openIncidentsQuery } from "./queries.ts";
import "./incidents.css";

const shown = 5;

/** The home page's first question: is anything on fire right now? */
export function OpenIncidentsPanel() {
  const open = useQuery(openIncidentsQuery);
  const items = open.data?.items ?? [];
  return (
    <Panel title={open.data ? `Open incidents (${items.length})` : "Open incidents"}>
      <QueryState isPending={open.isPending} error={open.error}>
        {items.length === 0 ? (
          <EmptyState>No open incidents. All quiet.</EmptyState>
        ) : (
          <>
            <IncidentTable items={items.slice(0, shown)} compact />
            <p className="table-footnote small">
              <Link to="/incidents" search={{}}>
                {items.length > shown ? `All ${items.length} open incidents` : "All incidents"}
              </Link>
            </p>
          </>
        )}
      </QueryState>
    </Panel>
  );
}
