import { useQuery } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useMe } from "../../lib/session.ts";
import { usersQuery } from "../../platform/auth/queries.ts";
import { EmptyState, PageHeader, Panel, QueryState } from "../../ui/Page.tsx";
import { teamsQuery } from "../teams/queries.ts";
import { ActionItemsTable } from "./ActionItemsTable.tsx";
import { OverdueSummary } from "./OverdueSummary.tsx";
import { PostmortemTabs } from "./PostmortemTabs.tsx";
import { actionItemsQuery } from "./queries.ts";
import type { ActionItemSearch } from "./routes.ts";
import { actionItemStatuses, statusLabels } from "./types.ts";
import "./postmortems.css";

const route = getRouteApi("/signed-in/postmortems/action-items");

/** Action items across all postmortems: overdue ones per team or per person, soonest due first. */
export function ActionItemsPage() {
  const search = route.useSearch();
  const navigate = useNavigate({ from: "/postmortems/action-items" });
  const me = useMe();
  const teams = useQuery(teamsQuery);
  const users = useQuery(usersQuery);
  const items = useQuery(actionItemsQuery(search));
  const set = (patch: Partial<ActionItemSearch>) => navigate({ search: { ...search, ...patch } });
  return (
    <>
      <PageHeader
        title="Action items"
        description="Follow-ups from postmortems, with their owners and due dates."
      />
      <PostmortemTabs />
      <OverdueSummary />
      <Panel title="Filters">
        <div className="filter-bar">
          <label className="checkbox">
            <input
              type="checkbox"
              name="overdue"
              checked={!!search.overdue}
              onChange={(e) => set({ overdue: e.target.checked || undefined })}
            />
            Overdue only
          </label>
          <div className="field">
            <label htmlFor="ai-owner">Owner</label>
            <select
              id="ai-owner"
              value={search.owner ?? ""}
              onChange={(e) => set({ owner: e.target.value || undefined })}
            >
              <option value="">Anyone</option>
              <option value="me">Me ({me.name})</option>
              {users.data?.items
                .filter((u) => u.name !== me.name)
                .map((u) => (
                  <option key={u.id} value={u.name}>
                    {u.displayName}
                  </option>
                ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="ai-team">Team</label>
            <select
              id="ai-team"
              value={search.team ?? ""}
              onChange={(e) => set({ team: e.target.value || undefined })}
            >
              <option value="">All teams</option>
              {teams.data?.items.map((t) => (
                <option key={t.name} value={t.name}>
                  {t.displayName}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="ai-status">Status</label>
            <select
              id="ai-status"
              value={search.status ?? ""}
              onChange={(e) => set({ status: e.target.value || undefined })}
            >
              <option value="">Any</option>
              {actionItemStatuses.map((s) => (
                <option key={s} value={s}>
                  {statusLabels[s]}
                </option>
              ))}
            </select>
          </div>
        </div>
      </Panel>
      <Panel title={items.data ? `Action items (${items.data.items.length})` : "Action items"}>
        <QueryState isPending={items.isPending} error={items.error}>
          {items.data?.items.length === 0 ? (
            <EmptyState>
              {search.overdue ? "Nothing overdue here. Well done." : "No action items match these filters."}
            </EmptyState>
          ) : (
            <ActionItemsTable items={items.data?.items ?? []} showIncident />
          )}
        </QueryState>
      </Panel>
    </>
  );
}
