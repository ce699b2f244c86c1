import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { FormEvent } from "react";
import { api } from "../../lib/api.ts";
import { browserTimeZone, timeZones } from "../../lib/format.ts";
import { roles, type UserView } from "../../lib/types.ts";
import { formText, formValue, SelectField, TextField } from "../../ui/Field.tsx";
import { Panel } from "../../ui/Page.tsx";
import { ProblemMessage } from "../../ui/ProblemMessage.tsx";
import { usersQuery } from "./queries.ts";

const fields = ["name", "email", "displayName", "role", "timeZone", "password"];

/** Admins create accounts here; without a password the user can only use API tokens (or SSO, later). */
export function CreateUserForm({ onDone }: { onDone: () => void }) {
  const queryClient = useQueryClient();
  const create = useMutation({
    mutationFn: (body: Record<string, string | undefined>) =>
      api<UserView>("/api/v1/users", { method: "POST", body }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: usersQuery.queryKey });
      onDone();
    },
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    create.mutate({
      name: formValue(data, "name"),
      email: formValue(data, "email"),
      displayName: formText(data, "displayName"),
      role: formText(data, "role"),
      timeZone: formText(data, "timeZone"),
      // Passwords are taken as typed: leading or trailing spaces are part of them.
      password: (data.get("password") as string | null) || undefined,
    });
  };

  return (
    <Panel title="New user">
      <form onSubmit={submit} noValidate>
        <ProblemMessage error={create.error} fields={fields} />
        <div className="form-grid">
          <TextField label="User name" name="name" required error={create.error} hint="e.g. jane.doe" />
          <TextField label="Email" name="email" type="email" required error={create.error} />
          <TextField label="Display name" name="displayName" error={create.error} />
          <SelectField label="Role" name="role" options={roles} defaultValue="viewer" error={create.error} />
          <TextField
            label="Time zone"
            name="timeZone"
            list="time-zones"
            defaultValue={browserTimeZone()}
            error={create.error}
            hint="IANA zone; on-call schedules are shown in it."
          />
          <TextField
            label="Password"
            name="password"
            type="password"
            autoComplete="new-password"
            error={create.error}
            hint="At least 12 characters. Leave empty for a token-only account."
          />
        </div>
        <datalist id="time-zones">
          {timeZones().map((tz) => (
            <option key={tz} value={tz} />
          ))}
        </datalist>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={create.isPending}>
            {create.isPending ? "Creating…" : "Create user"}
          </button>
          <button type="button" className="button" onClick={onDone}>
            Cancel
          </button>
        </div>
      </form>
    </Panel>
  );
}
