import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useMe } from "../../lib/session.ts";
import { usersQuery } from "../../platform/auth/queries.ts";
import { formText } from "../../ui/Field.tsx";
import { Panel } from "../../ui/Page.tsx";
import { ProblemMessage } from "../../ui/ProblemMessage.tsx";
import { incidentActions } from "./queries.ts";
import { type IncidentDetail, type IncidentRole, incidentRoles, roleLabels } from "./types.ts";
import { useIncidentChange } from "./useIncidentChange.ts";

/** Who commands, communicates and writes things down; one person per role, changed one role at a time. */
export function RolesPanel(props: { incident: IncidentDetail; canEdit: boolean; refKey: string }) {
  const { incident, canEdit, refKey } = props;
  const me = useMe();
  const [editing, setEditing] = useState<IncidentRole | null>(null);
  const users = useQuery({ ...usersQuery, enabled: canEdit });
  const change = useIncidentChange(refKey, (input: { role: IncidentRole; user: string | null }) =>
    incidentActions.assign(refKey, input.role, input.user),
  );
  const holder = new Map(incident.roles.map((r) => [r.role, r.user]));
  const displayName = (name: string) => users.data?.items.find((u) => u.name === name)?.displayName;

  const submit = (role: IncidentRole) => (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const user = formText(new FormData(event.currentTarget), "user");
    if (user) change.mutate({ role, user }, { onSuccess: () => setEditing(null) });
  };

  return (
    <Panel title="Roles">
      <ProblemMessage error={change.error} />
      <ul className="role-list">
        {incidentRoles.map((role) => {
          const user = holder.get(role);
          return (
            <li key={role} data-role={role}>
              <div className="role-row">
                <span>
                  <span className="role-name">{roleLabels[role]}</span>
                  <span className="role-holder">
                    {user ? (
                      <>
                        <strong>{displayName(user) ?? user}</strong>{" "}
                        {displayName(user) && displayName(user) !== user ? (
                          <span className="mono muted small">{user}</span>
                        ) : null}
                      </>
                    ) : (
                      <span className="muted">Unassigned</span>
                    )}
                  </span>
                </span>
                {canEdit && editing !== role ? (
                  <span className="role-buttons">
                    {!user && role === "commander" ? (
                      <button
                        type="button"
                        className="button button-small"
                        disabled={change.isPending}
                        onClick={() => change.mutate({ role, user: me.name })}
                      >
                        Take command
                      </button>
                    ) : null}
                    <button
                      type="button"
                      className="button button-small"
                      onClick={() => setEditing(role)}
                      aria-label={`${user ? "Change" : "Assign"} ${roleLabels[role].toLowerCase()}`}
                    >
                      {user ? "Change" : "Assign"}
                    </button>
                    {user ? (
                      <button
                        type="button"
                        className="button button-small button-ghost"
                        disabled={change.isPending}
                        onClick={() => change.mutate({ role, user: null })}
                        aria-label={`Unassign ${roleLabels[role].toLowerCase()}`}
                      >
                        Unassign
                      </button>
                    ) : null}
                  </span>
                ) : null}
              </div>
              {editing === role ? (
                <form className="role-form" onSubmit={submit(role)}>
                  <label className="visually-hidden" htmlFor={`role-${role}`}>
                    {roleLabels[role]}
                  </label>
                  <select
                    id={`role-${role}`}
                    name="user"
                    // Remounted once the users arrive, so the default applies to real options.
                    key={users.data ? "loaded" : "loading"}
                    defaultValue={user ?? me.name}
                  >
                    {user && !users.data?.items.some((u) => u.name === user) ? (
                      <option value={user}>{user}</option>
                    ) : null}
                    {(users.data?.items ?? []).map((u) => (
                      <option key={u.id} value={u.name}>
                        {u.displayName === u.name ? u.name : `${u.displayName} (${u.name})`}
                      </option>
                    ))}
                  </select>
                  <button
                    type="submit"
                    className="button button-small button-primary"
                    disabled={change.isPending}
                  >
                    Save
                  </button>
                  <button type="button" className="button button-small" onClick={() => setEditing(null)}>
                    Cancel
                  </button>
                </form>
              ) : null}
            </li>
          );
        })}
      </ul>
    </Panel>
  );
}
