import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { useState } from "react";
import { formatInstant } from "../../lib/format.ts";
import { EmptyState, PageHeader, Panel, QueryState } from "../../ui/Page.tsx";
import { PostmortemTabs } from "./PostmortemTabs.tsx";
import { postmortemsQuery } from "./queries.ts";
import { PmStatusBadge } from "./StatusBadge.tsx";
import { postmortemStatuses, statusLabels } from "./types.ts";
import "./postmortems.css";

/** Every postmortem, newest first, filtered by state. New ones start from a resolved incident's page. */
export function PostmortemListPage() {
  const [status, setStatus] = useState<string>("");
  const list = useQuery(postmortemsQuery(status || undefined));
  return (
    <>
      <PageHeader
        title="Postmortems"
        description="What we learned from incidents, and what we are doing about it. Start one from an incident's page."
      />
      <PostmortemTabs />
      <Panel title="Postmortems">
        <div className="filter-bar">
          <div className="field">
            <label htmlFor="pm-status">State</label>
            <select id="pm-status" value={status} onChange={(e) => setStatus(e.target.value)}>
              <option value="">All</option>
              {postmortemStatuses.map((s) => (
                <option key={s} value={s}>
                  {statusLabels[s]}
                </option>
              ))}
            </select>
          </div>
        </div>
        <QueryState isPending={list.isPending} error={list.error}>
          {list.data?.items.length === 0 ? (
            <EmptyState>No postmortems{status ? ` in state ${statusLabels[status]}` : ""} yet.</EmptyState>
          ) : (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Postmortem</th>
                    <th scope="col">Incident</th>
                    <th scope="col">State</th>
                    <th scope="col">Action items</th>
                    <th scope="col">Updated</th>
                  </tr>
                </thead>
                <tbody>
                  {list.data?.items.map((p) => (
                    <tr key={p.id} data-postmortem={p.id}>
                      <td>
                        <Link to="/postmortems/$id" params={{ id: p.id }}>
                          {p.title}
                        </Link>
                        <div className="muted small">by {p.createdBy}</div>
                      </td>
                      <td>
                        <Link to="/incidents/$ref" params={{ ref: String(p.incidentNumber) }}>
                          #{p.incidentNumber}
                        </Link>{" "}
                        <span className="badge">{p.incidentSeverity}</span>
                      </td>
                      <td>
                        <PmStatusBadge status={p.status} />
                      </td>
                      <td className="nowrap">
                        {p.openActionItemCount} open / {p.actionItemCount}
                      </td>
                      <td className="nowrap small">{formatInstant(p.publishedAt ?? p.updatedAt)}</td>
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
