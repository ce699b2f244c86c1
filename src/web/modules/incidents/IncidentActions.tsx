import { ProblemMessage } from "../../ui/ProblemMessage.tsx";
import { incidentActions } from "./queries.ts";
import type { IncidentDetail } from "./types.ts";
import { useIncidentChange } from "./useIncidentChange.ts";

/**
 * Acknowledge and Resolve, enabled by the incident's state and the user's role (the server enforces both;
 * the disabled button's title says why it cannot be pressed).
 */
export function IncidentActions(props: { incident: IncidentDetail; canRespond: boolean; refKey: string }) {
  const { incident, canRespond, refKey } = props;
  const ack = useIncidentChange(refKey, () => incidentActions.acknowledge(refKey));
  const resolve = useIncidentChange(refKey, () => incidentActions.resolve(refKey));
  const busy = ack.isPending || resolve.isPending;
  const merged = incident.mergedInto !== null;
  const why = !canRespond
    ? "Responders and above can change an incident"
    : merged
      ? "This incident was merged; change the one it was merged into"
      : undefined;
  const canAck = canRespond && !merged && incident.status === "triggered";
  const canResolve = canRespond && !merged && incident.status !== "resolved";
  return (
    <div className="incident-actions">
      {/* Once resolved, acknowledging means nothing; the button goes rather than sit disabled. */}
      {incident.status === "resolved" ? null : (
        <button
          type="button"
          className="button button-warn"
          disabled={!canAck || busy}
          title={
            why ?? (incident.status === "triggered" ? "Stop the escalation: someone is on it" : undefined)
          }
          onClick={() => ack.mutate(undefined)}
        >
          {ack.isPending
            ? "Acknowledging…"
            : incident.status === "triggered"
              ? "Acknowledge"
              : "Acknowledged"}
        </button>
      )}
      <button
        type="button"
        className="button button-ok"
        disabled={!canResolve || busy}
        title={why}
        onClick={() => resolve.mutate(undefined)}
      >
        {resolve.isPending ? "Resolving…" : incident.status === "resolved" ? "Resolved" : "Resolve"}
      </button>
      <ProblemMessage error={ack.error ?? resolve.error} />
    </div>
  );
}
