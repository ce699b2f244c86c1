import { useInfiniteQuery } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import type { FormEvent } from "react";
import { formText, SelectField, TextField } from "../../ui/Field.tsx";
import { EmptyState, PageHeader, Panel, QueryState } from "../../ui/Page.tsx";
import { AuditTable } from "./AuditTable.tsx";
import { auditQuery, defaultPageSize, pageSizes } from "./queries.ts";

const route = getRouteApi("/signed-in/admin/audit");

/** Entity types recorded so far; offered as suggestions, any other value still works. */
const knownEntityTypes = ["team", "user", "api_token"];

export function AuditPage() {
  const filters = route.useSearch();
  const navigate = useNavigate();
  const audit = useInfiniteQuery(auditQuery(filters));
  const entries = audit.data?.pages.flatMap((p) => p.items) ?? [];

  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const limit = Number(data.get("limit"));
    void navigate({
      to: "/admin/audit",
      search: {
        actor: formText(data, "actor"),
        entityType: formText(data, "entityType"),
        limit: limit === defaultPageSize ? undefined : limit,
      },
    });
  };

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change made through the API, the CLI or manifests: who, what, when, before and after."
      />
      <Panel>
        {/* Keyed by the URL filters so Back/Forward resets the inputs to what is shown. */}
        <form
          key={JSON.stringify(filters)}
          onSubmit={apply}
          className="filter-bar"
          aria-label="Audit filters"
        >
          <TextField
            label="Actor"
            name="actor"
            defaultValue={filters.actor ?? ""}
            placeholder="user name or id"
          />
          <TextField
            label="Entity type"
            name="entityType"
            list="entity-types"
            defaultValue={filters.entityType ?? ""}
            placeholder="team, user, api_token…"
          />
          <datalist id="entity-types">
            {knownEntityTypes.map((t) => (
              <option key={t} value={t} />
            ))}
          </datalist>
          <SelectField
            label="Per page"
            name="limit"
            options={pageSizes.map(String)}
            defaultValue={String(filters.limit ?? defaultPageSize)}
          />
          <div className="filter-actions">
            <button type="submit" className="button button-primary">
              Apply filters
            </button>
            <button
              type="button"
              className="button"
              onClick={() => void navigate({ to: "/admin/audit", search: {} })}
            >
              Clear
            </button>
          </div>
        </form>
      </Panel>
      <Panel>
        <QueryState isPending={audit.isPending} error={audit.error}>
          {entries.length === 0 ? <EmptyState>No audit entries match these filters.</EmptyState> : null}
          {entries.length > 0 ? <AuditTable entries={entries} /> : null}
          {audit.hasNextPage ? (
            <div className="load-more">
              <button
                type="button"
                className="button"
                onClick={() => void audit.fetchNextPage()}
                disabled={audit.isFetchingNextPage}
              >
                {audit.isFetchingNextPage ? "Loading…" : "Load more"}
              </button>
            </div>
          ) : null}
        </QueryState>
      </Panel>
    </>
  );
}
