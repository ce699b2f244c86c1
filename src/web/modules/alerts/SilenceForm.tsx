import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { FormEvent } from "react";
import { api } from "../../lib/api.ts";
import { formText, formValue, TextField } from "../../ui/Field.tsx";
import { Panel } from "../../ui/Page.tsx";
import { ProblemMessage } from "../../ui/ProblemMessage.tsx";
import { silencesQuery } from "./queries.ts";
import type { SilenceView } from "./types.ts";

const fields = ["matchers", "startsAt", "endsAt", "comment"];

/** Durations offered for the end of a silence; an explicit end time overrides. */
const durations = [
  ["30m", "30 minutes", 30],
  ["1h", "1 hour", 60],
  ["2h", "2 hours", 120],
  ["4h", "4 hours", 240],
  ["8h", "8 hours", 480],
  ["1d", "1 day", 1440],
  ["3d", "3 days", 4320],
  ["7d", "1 week", 10080],
] as const;

/** `datetime-local` values are wall-clock times in the browser's zone; the API wants instants. */
function localInstant(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** Silences alerts whose labels match, for a maintenance window or a known issue. */
export function SilenceForm({ onDone }: { onDone: () => void }) {
  const queryClient = useQueryClient();
  const create = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      api<SilenceView>("/api/v1/silences", { method: "POST", body }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: silencesQuery.queryKey });
      onDone();
    },
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const startsAt = localInstant(formText(data, "startsAt"));
    const minutes = durations.find((d) => d[0] === data.get("duration"))?.[2] ?? 60;
    const start = startsAt ? new Date(startsAt) : new Date();
    const endsAt =
      localInstant(formText(data, "endsAt")) ?? new Date(start.getTime() + minutes * 60_000).toISOString();
    create.mutate({
      matchers: formValue(data, "matchers"),
      startsAt,
      endsAt,
      comment: formValue(data, "comment"),
    });
  };

  return (
    <Panel title="New silence">
      <form onSubmit={submit} noValidate>
        <ProblemMessage error={create.error} fields={fields} />
        <TextField
          label="Matchers"
          name="matchers"
          required
          error={create.error}
          className="mono"
          placeholder='alertname="HighErrorRate", region=~"eu-.*"'
          hint="Alertmanager syntax: =, !=, =~ and !~, separated by commas. Every matcher must hold."
        />
        <div className="form-grid">
          <TextField
            label="Starts"
            name="startsAt"
            type="datetime-local"
            error={create.error}
            hint="Blank starts it now."
          />
          <div className="field">
            <label htmlFor="silence-duration">Duration</label>
            <select id="silence-duration" name="duration" defaultValue="2h">
              {durations.map(([key, label]) => (
                <option key={key} value={key}>
                  {label}
                </option>
              ))}
            </select>
          </div>
          <TextField
            label="Ends"
            name="endsAt"
            type="datetime-local"
            error={create.error}
            hint="Set to end at a given time instead."
          />
        </div>
        <TextField
          label="Comment"
          name="comment"
          required
          error={create.error}
          placeholder="Planned failover of pg-main, change CHG-1234"
        />
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={create.isPending}>
            {create.isPending ? "Creating…" : "Create silence"}
          </button>
          <button type="button" className="button" onClick={onDone}>
            Cancel
          </button>
        </div>
      </form>
    </Panel>
  );
}
