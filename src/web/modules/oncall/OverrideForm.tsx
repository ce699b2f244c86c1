import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { FormEvent } from "react";
import { formText, formValue, TextField } from "../../ui/Field.tsx";
import { Panel } from "../../ui/Page.tsx";
import { ProblemMessage } from "../../ui/ProblemMessage.tsx";
import { createOverride } from "./queries.ts";

const fields = ["user", "start", "end", "reason"];

/** `datetime-local` values are wall-clock times in the browser's zone; the API wants instants. */
function localInstant(value: string | undefined): string {
  if (!value) return "";
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : date.toISOString();
}

/** Puts one user on call for [start, end), over every layer of the schedule. */
export function OverrideForm(props: { schedule: string; users: string[] }) {
  const queryClient = useQueryClient();
  const create = useMutation({
    mutationFn: (body: Record<string, unknown>) => createOverride(props.schedule, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["oncall"] }),
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    create.mutate(
      {
        user: formText(data, "user"),
        start: localInstant(formValue(data, "start")),
        end: localInstant(formValue(data, "end")),
        reason: formText(data, "reason"),
      },
      { onSuccess: () => form.reset() },
    );
  };
  const listId = `override-users-${props.schedule}`;
  return (
    <Panel title="New override">
      <form onSubmit={submit} noValidate>
        <ProblemMessage error={create.error} fields={fields} />
        {create.isSuccess ? <p className="notice notice-success">Override created.</p> : null}
        <div className="form-grid">
          <TextField
            label="User"
            name="user"
            list={listId}
            error={create.error}
            hint="Blank: you take the time yourself."
          />
          <datalist id={listId}>
            {props.users.map((u) => (
              <option key={u} value={u} />
            ))}
          </datalist>
          <TextField label="Start" name="start" type="datetime-local" required error={create.error} />
          <TextField label="End" name="end" type="datetime-local" required error={create.error} />
        </div>
        <TextField label="Reason" name="reason" error={create.error} placeholder="Cover me: dentist" />
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={create.isPending}>
            {create.isPending ? "Creating…" : "Create override"}
          </button>
        </div>
      </form>
    </Panel>
  );
}
