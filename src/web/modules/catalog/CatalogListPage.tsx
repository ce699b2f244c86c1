import { useQuery } from "@tanstack/react-query";
import { getRouteApi, Link } from "@tanstack/react-router";
import { EmptyState, PageHeader, Panel, QueryState } from "../../ui/Page.tsx";
import { CatalogFilters } from "./CatalogFilters.tsx";
import { CatalogTable } from "./CatalogTable.tsx";
import { Pagination } from "./Pagination.tsx";
import { catalogListQuery } from "./queries.ts";
import { hasTier } from "./search.ts";
import { type CatalogKind, kindLabels, tabKinds } from "./types.ts";
import "./catalog.css";

const route = getRouteApi("/signed-in/catalog");

/** Services, resources and systems, filtered by what the URL says. */
export function CatalogListPage() {
  const { kind = "service", ...filters } = route.useSearch();
  const list = useQuery(catalogListQuery(kind, filters));
  const filtered = Boolean(filters.owner || filters.tier || filters.lifecycle || filters.label || filters.q);
  // A kind reached by a URL (api, component, domain) gets a tab of its own while it is shown.
  const tabs: CatalogKind[] = (tabKinds as readonly CatalogKind[]).includes(kind)
    ? [...tabKinds]
    : [...tabKinds, kind];
  return (
    <>
      <PageHeader
        title="Catalog"
        description="Everything the platform runs: who owns it, how critical it is, and what it depends on."
        actions={
          <Link to="/catalog/graph" search={{}} className="button">
            Dependency graph
          </Link>
        }
      />
      <nav className="tabs" aria-label="Entity kinds">
        {tabs.map((k) => (
          <Link
            key={k}
            to="/catalog"
            // Switching kind keeps the filters (a team's services, then its resources) but not the page.
            search={{ ...filters, kind: k, page: undefined, tier: hasTier(k) ? filters.tier : undefined }}
            className="tab"
            aria-current={k === kind ? "page" : undefined}
          >
            {kindLabels[k].many}
          </Link>
        ))}
      </nav>
      <Panel>
        <CatalogFilters kind={kind} filters={filters} />
      </Panel>
      <Panel>
        <QueryState isPending={list.isPending} error={list.error}>
          {list.data && list.data.items.length === 0 ? (
            <EmptyState>
              {filtered
                ? `No ${kindLabels[kind].many.toLowerCase()} match these filters.`
                : `No ${kindLabels[kind].many.toLowerCase()} in the catalog yet. Declare them in manifests and run opsdeck apply.`}
            </EmptyState>
          ) : null}
          {list.data && list.data.items.length > 0 ? (
            <>
              <CatalogTable kind={kind} items={list.data.items} busy={list.isPlaceholderData} />
              <Pagination
                total={list.data.total}
                offset={list.data.offset}
                limit={list.data.limit}
                search={{ ...filters, kind }}
              />
            </>
          ) : null}
        </QueryState>
      </Panel>
    </>
  );
}
