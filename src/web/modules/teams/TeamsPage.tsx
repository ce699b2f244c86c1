import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { useState } from "react";
import { useMe } from "../../lib/session.ts";
import { roleAtLeast } from "../../lib/types.ts";
import { EmptyState, PageHeader, Panel, QueryState } from "../../ui/Page.tsx";
import { CreateTeamForm } from "./CreateTeamForm.tsx";
import { teamsQuery } from "./queries.ts";

export function TeamsPage() {
  const me = useMe();
  const teams = useQuery(teamsQuery);
  const [creating, setCreating] = useState(false);
  const canEdit = roleAtLeast(me.role, "manager");
  return (
    <>
      <PageHeader
        title="Teams"
        description="Teams own services, schedules and cost. They can also be declared in manifests (kind: Team)."
        actions={
          canEdit && !creating ? (
            <button type="button" className="button button-primary" onClick={() => setCreating(true)}>
              New team
            </button>
          ) : null
        }
      />
      {creating ? <CreateTeamForm onDone={() => setCreating(false)} /> : null}
      <Panel>
        <QueryState isPending={teams.isPending} error={teams.error}>
          {teams.data?.items.length === 0 ? (
            <EmptyState>No teams yet.{canEdit ? " Create the first one with New team." : ""}</EmptyState>
          ) : (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Team</th>
                    <th scope="col">Name</th>
                    <th scope="col">Members</th>
                    <th scope="col">Description</th>
                  </tr>
                </thead>
                <tbody>
                  {teams.data?.items.map((t) => (
                    <tr key={t.id}>
                      <td>
                        <Link to="/admin/teams/$name" params={{ name: t.name }}>
                          {t.displayName}
                        </Link>
                      </td>
                      <td className="mono">{t.name}</td>
                      <td>{t.members.length}</td>
                      <td className="muted">{t.description || "—"}</td>
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
