import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { useState } from "react";
import { formatInstant } from "../../lib/format.ts";
import { useMe } from "../../lib/session.ts";
import { roleAtLeast } from "../../lib/types.ts";
import { EmptyState, PageHeader, Panel, QueryState } from "../../ui/Page.tsx";
import { PostmortemTabs } from "./PostmortemTabs.tsx";
import { runbooksQuery } from "./queries.ts";
import "./postmortems.css";

/** Every runbook with the services and alerts it is shown for. */
export function RunbookListPage() {
  const me = useMe();
  const [search, setSearch] = useState("");
  const list = useQuery(runbooksQuery(search.trim() || undefined));
  return (
    <>
      <PageHeader
        title="Runbooks"
        description="What to do when an alert fires: shown on the page of every incident whose service or alerts match."
        actions={
          roleAtLeast(me.role, "responder") ? (
            <Link to="/postmortems/runbooks/new" className="button button-primary">
              New runbook
            </Link>
          ) : null
        }
      />
      <PostmortemTabs />
      <Panel title="Runbooks">
        <div className="filter-bar">
          <div className="field">
            <label htmlFor="rb-search">Search</label>
            <input id="rb-search" type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
          </div>
        </div>
        <QueryState isPending={list.isPending} error={list.error}>
          {list.data?.items.length === 0 ? (
            <EmptyState>No runbooks yet. Write one here, or keep them in git as kind: Runbook.</EmptyState>
          ) : (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Runbook</th>
                    <th scope="col">Services</th>
                    <th scope="col">Alert matchers</th>
                    <th scope="col">Version</th>
                    <th scope="col">Updated</th>
                  </tr>
                </thead>
                <tbody>
                  {list.data?.items.map((r) => (
                    <tr key={r.name} data-runbook={r.name}>
                      <td>
                        <Link to="/postmortems/runbooks/$name" params={{ name: r.name }}>
                          {r.title}
                        </Link>
                        <div className="mono muted small">{r.name}</div>
                      </td>
                      <td className="small">{r.services.join(", ") || "—"}</td>
                      <td className="mono small">{r.match.join(" · ") || "—"}</td>
                      <td>v{r.version}</td>
                      <td className="nowrap small">{formatInstant(r.updatedAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </QueryState>
      </Panel>
    </>
  );
}
