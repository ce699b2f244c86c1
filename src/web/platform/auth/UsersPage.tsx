import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { formatInstant } from "../../lib/format.ts";
import { useMe } from "../../lib/session.ts";
import { EmptyState, PageHeader, Panel, QueryState } from "../../ui/Page.tsx";
import { CreateUserForm } from "./CreateUserForm.tsx";
import { usersQuery } from "./queries.ts";

export function UsersPage() {
  const me = useMe();
  const users = useQuery(usersQuery);
  const [creating, setCreating] = useState(false);
  const isAdmin = me.role === "admin";
  return (
    <>
      <PageHeader
        title="Users"
        description="People who sign in to opsdeck. Roles: viewer < responder < manager < admin."
        actions={
          isAdmin && !creating ? (
            <button type="button" className="button button-primary" onClick={() => setCreating(true)}>
              New user
            </button>
          ) : null
        }
      />
      {creating ? <CreateUserForm onDone={() => setCreating(false)} /> : null}
      <Panel>
        <QueryState isPending={users.isPending} error={users.error}>
          {users.data?.items.length === 0 ? (
            <EmptyState>No users yet.</EmptyState>
          ) : (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">User name</th>
                    <th scope="col">Display name</th>
                    <th scope="col">Email</th>
                    <th scope="col">Role</th>
                    <th scope="col">Time zone</th>
                    <th scope="col">Status</th>
                    <th scope="col">Created</th>
                  </tr>
                </thead>
                <tbody>
                  {users.data?.items.map((u) => (
                    <tr key={u.id}>
                      <td className="mono">{u.name}</td>
                      <td>{u.displayName}</td>
                      <td>{u.email}</td>
                      <td>
                        <span className={`badge badge-role-${u.role}`}>{u.role}</span>
                      </td>
                      <td>{u.timeZone}</td>
                      <td>
                        {u.disabled ? (
                          <span className="badge badge-danger">disabled</span>
                        ) : u.hasPassword ? (
                          <span className="badge badge-ok">active</span>
                        ) : (
                          <span className="badge">no password</span>
                        )}
                      </td>
                      <td className="nowrap">{formatInstant(u.createdAt)}</td>
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
