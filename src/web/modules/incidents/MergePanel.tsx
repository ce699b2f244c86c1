import { useQuery } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { type FormEvent, useState } from "react";
import { Panel } from "../../ui/Page.tsx";
import { ProblemMessage } from "../../ui/ProblemMessage.tsx";
import { incidentActions, openIncidentsQuery } from "./queries.ts";
import type { IncidentDetail } from "./types.ts";
import { useIncidentChange } from "./useIncidentChange.ts";

/**
 * Merging a duplicate into the incident that is being worked on: this one resolves and its alerts count
 * there. It cannot be undone, so the form asks once more before it acts.
 */
export function MergePanel({ incident, refKey }: { incident: IncidentDetail; refKey: string }) {
  const navigate = useNavigate();
  const open = useQuery(openIncidentsQuery);
  const [target, setTarget] = useState<string | null>(null);
  const merge = useIncidentChange(refKey, (into: string) => incidentActions.merge(refKey, into));
  const candidates = (open.data?.items ?? []).filter((i) => i.id !== incident.id);

  const choose = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const into = new FormData(event.currentTarget).get("into");
    if (typeof into === "string" && into) setTarget(into);
  };
  const confirm = () => {
    if (!target) return;
    merge.mutate(target, {
      onSuccess: (into) => void navigate({ to: "/incidents/$ref", params: { ref: String(into.number) } }),
    });
  };

  return (
    <Panel title="Merge">
      <ProblemMessage error={merge.error} />
      {target ? (
        <div className="merge-confirm">
          <p>
            Merge <strong>#{incident.number}</strong> into <strong>#{target}</strong>? This incident resolves
            and its alerts move there. It cannot be undone.
          </p>
          <div className="form-actions">
            <button
              type="button"
              className="button button-primary"
              onClick={confirm}
              disabled={merge.isPending}
            >
              {merge.isPending ? "Merging…" : `Merge into #${target}`}
            </button>
            <button type="button" className="button" onClick={() => setTarget(null)}>
              Cancel
            </button>
          </div>
        </div>
      ) : candidates.length === 0 ? (
        <p className="muted small">No other open incident to merge into.</p>
      ) : (
        <form className="merge-form" onSubmit={choose}>
          <label htmlFor="merge-into" className="small">
            A duplicate of another incident? Merge it there.
          </label>
          <div className="merge-row">
            <select id="merge-into" name="into" defaultValue="">
              <option value="" disabled>
                Choose an open incident
              </option>
              {candidates.map((i) => (
                <option key={i.id} value={String(i.number)}>
                  #{i.number} {i.title.length > 60 ? `${i.title.slice(0, 60)}…` : i.title}
                </option>
              ))}
            </select>
            <button type="submit" className="button">
              Merge…
            </button>
          </div>
        </form>
      )}
    </Panel>
  );
}
