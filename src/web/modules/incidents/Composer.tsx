import { type FormEvent, useState } from "react";
import { ProblemMessage } from "../../ui/ProblemMessage.tsx";
import { incidentActions } from "./queries.ts";
import type { IncidentDetail } from "./types.ts";
import { useIncidentChange } from "./useIncidentChange.ts";

type Mode = "note" | "update";

const modes: Record<Mode, { tab: string; placeholder: string; submit: string; hint: string }> = {
  note: {
    tab: "Note",
    placeholder: "What you found, tried or decided…",
    submit: "Add note",
    hint: "For responders: notes stay inside opsdeck.",
  },
  update: {
    tab: "Status update",
    placeholder: "What is affected, what we are doing, when the next update comes…",
    submit: "Post update",
    hint: "For stakeholders: written to be read outside the incident team.",
  },
};

/** Writes to the timeline: an internal note, or a status update that may move the incident on. */
export function Composer({ incident, refKey }: { incident: IncidentDetail; refKey: string }) {
  const [mode, setMode] = useState<Mode>("note");
  const post = useIncidentChange(
    refKey,
    (input: { mode: Mode; text: string; status?: "acknowledged" | "resolved" }) =>
      input.mode === "note"
        ? incidentActions.note(refKey, input.text)
        : incidentActions.statusUpdate(refKey, input.text, input.status),
  );
  const m = modes[mode];

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const text = String(data.get("text") ?? "").trim();
    const status = data.get("status");
    post.mutate(
      {
        mode,
        text,
        status: status === "acknowledged" || status === "resolved" ? status : undefined,
      },
      { onSuccess: () => form.reset() },
    );
  };

  return (
    <form className="composer" onSubmit={submit} aria-label="Add to the timeline">
      <div className="composer-tabs" role="tablist">
        {(Object.keys(modes) as Mode[]).map((k) => (
          <button
            key={k}
            type="button"
            role="tab"
            aria-selected={k === mode}
            className="composer-tab"
            onClick={() => setMode(k)}
          >
            {modes[k].tab}
          </button>
        ))}
      </div>
      <ProblemMessage error={post.error} />
      <label htmlFor="composer-text" className="visually-hidden">
        {m.tab}
      </label>
      <textarea id="composer-text" name="text" rows={3} placeholder={m.placeholder} required />
      <div className="composer-footer">
        <span className="muted small">{m.hint}</span>
        {mode === "update" && incident.status !== "resolved" ? (
          <label className="composer-status">
            <span>Also set status</span>
            <select name="status" defaultValue="">
              <option value="">unchanged</option>
              {incident.status === "triggered" ? <option value="acknowledged">acknowledged</option> : null}
              <option value="resolved">resolved</option>
            </select>
          </label>
        ) : null}
        <button type="submit" className="button button-primary" disabled={post.isPending}>
          {post.isPending ? "Saving…" : m.submit}
        </button>
      </div>
    </form>
  );
}
