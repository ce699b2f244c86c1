import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { FormEvent } from "react";
import { api } from "../../lib/api.ts";
import type { TeamView } from "../../lib/types.ts";
import { usersQuery } from "../../platform/auth/queries.ts";
import { formText, formValue, TextField } from "../../ui/Field.tsx";
import { Panel } from "../../ui/Page.tsx";
import { ProblemMessage } from "../../ui/ProblemMessage.tsx";
import { teamsQuery } from "./queries.ts";

const fields = ["name", "displayName", "description", "email", "members"];

/** Splits "a, b c" into user names; the server checks each one. */
function memberList(text: string | undefined): string[] {
  return (text ?? "").split(/[\s,]+/).filter(Boolean);
}

export function CreateTeamForm({ onDone }: { onDone: () => void }) {
  const queryClient = useQueryClient();
  const users = useQuery(usersQuery);
  const create = useMutation({
    mutationFn: (body: Record<string, unknown>) => api<TeamView>("/api/v1/teams", { method: "POST", body }),
    onSuccess: async (team) => {
      queryClient.setQueryData(["teams", team.name], team);
      await queryClient.invalidateQueries({ queryKey: teamsQuery.queryKey, exact: true });
      onDone();
    },
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    create.mutate({
      name: formValue(data, "name"),
      displayName: formText(data, "displayName"),
      description: formText(data, "description") ?? "",
      email: formText(data, "email"),
      members: memberList(formText(data, "members")),
    });
  };

  return (
    <Panel title="New team">
      <form onSubmit={submit} noValidate>
        <ProblemMessage error={create.error} fields={fields} />
        <div className="form-grid">
          <TextField
            label="Team name"
            name="name"
            required
            error={create.error}
            hint="The stable id used in manifests and URLs, e.g. platform-sre"
          />
          <TextField label="Display name" name="displayName" error={create.error} />
          <TextField label="Description" name="description" error={create.error} />
          <TextField label="Team email" name="email" type="email" error={create.error} />
          <TextField
            label="Members"
            name="members"
            list="user-names"
            error={create.error}
            hint="User names, separated by commas."
          />
        </div>
        <datalist id="user-names">
          {users.data?.items.map((u) => (
            <option key={u.id} value={u.name}>
              {u.displayName}
            </option>
          ))}
        </datalist>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={create.isPending}>
            {create.isPending ? "Creating…" : "Create team"}
          </button>
          <button type="button" className="button" onClick={onDone}>
            Cancel
          </button>
        </div>
      </form>
    </Panel>
  );
}
