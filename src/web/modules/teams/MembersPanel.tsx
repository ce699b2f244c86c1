import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { FormEvent } from "react";
import type { TeamView } from "../../lib/types.ts";
import { usersQuery } from "../../platform/auth/queries.ts";
import { formText, TextField } from "../../ui/Field.tsx";
import { EmptyState, Panel } from "../../ui/Page.tsx";
import { ProblemMessage } from "../../ui/ProblemMessage.tsx";
import { setMembership, teamsQuery } from "./queries.ts";

/** The members of one team; managers add and remove them one at a time. */
export function MembersPanel({ team, canEdit }: { team: TeamView; canEdit: boolean }) {
  const queryClient = useQueryClient();
  const users = useQuery({ ...usersQuery, enabled: canEdit });
  const change = useMutation({
    mutationFn: (input: { user: string; member: boolean }) =>
      setMembership(team.name, input.user, input.member),
    onSuccess: async (updated) => {
      queryClient.setQueryData(["teams", team.name], updated);
      await queryClient.invalidateQueries({ queryKey: teamsQuery.queryKey, exact: true });
    },
  });

  const add = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const user = formText(new FormData(form), "user");
    if (user) change.mutate({ user, member: true }, { onSuccess: () => form.reset() });
  };

  const current = new Set(team.members.map((m) => m.name));
  const candidates = users.data?.items.filter((u) => !current.has(u.name)) ?? [];

  return (
    <Panel title={`Members (${team.members.length})`}>
      <ProblemMessage error={change.error} fields={["user"]} />
      {team.members.length === 0 ? (
        <EmptyState>This team has no members yet.</EmptyState>
      ) : (
        <ul className="member-list">
          {team.members.map((m) => (
            <li key={m.name}>
              <span>
                <strong>{m.displayName ?? m.name}</strong> <span className="mono muted">{m.name}</span>
                {m.resolved ? null : (
                  <span className="badge badge-warn" title="No user with this name exists (yet)">
                    unknown user
                  </span>
                )}
              </span>
              {canEdit ? (
                <button
                  type="button"
                  className="button button-small"
                  onClick={() => change.mutate({ user: m.name, member: false })}
                  disabled={change.isPending}
                  aria-label={`Remove ${m.name} from the team`}
                >
                  Remove
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {canEdit ? (
        <form onSubmit={add} className="inline-form" noValidate>
          <TextField label="Add member" name="user" list="member-candidates" required hint="A user name." />
          <datalist id="member-candidates">
            {candidates.map((u) => (
              <option key={u.id} value={u.name}>
                {u.displayName}
              </option>
            ))}
          </datalist>
          <button type="submit" className="button button-primary" disabled={change.isPending}>
            Add
          </button>
        </form>
      ) : null}
    </Panel>
  );
}
