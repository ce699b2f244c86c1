import { type IncidentStatus, isSeverity, severityLabels } from "./types.ts";

/** SEV1 is the most severe; the colour says so before the text is read, the title spells it out. */
export function SeverityBadge({ severity }: { severity: string }) {
  const known = isSeverity(severity);
  return (
    <span
      className={`badge sev-badge sev-${known ? severity.toLowerCase() : "unknown"}`}
      title={known ? `${severity}: ${severityLabels[severity]}` : severity}
    >
      {severity}
    </span>
  );
}

const statusLabels: Record<IncidentStatus, string> = {
  triggered: "Triggered",
  acknowledged: "Acknowledged",
  resolved: "Resolved",
};

export function StatusBadge({ status }: { status: IncidentStatus }) {
  return (
    <span className={`badge status-badge status-${status}`}>
      <span className="status-dot" aria-hidden="true" />
      {statusLabels[status]}
    </span>
  );
}

/** Alert states use the same colours: firing is the triggered red, suppressed is muted. */
export function AlertStatusBadge({ status }: { status: "firing" | "suppressed" | "resolved" }) {
  const look = status === "firing" ? "triggered" : status === "resolved" ? "resolved" : "suppressed";
  return (
    <span className={`badge status-badge status-${look}`}>
      <span className="status-dot" aria-hidden="true" />
      {status === "firing" ? "Firing" : status === "resolved" ? "Resolved" : "Suppressed"}
    </span>
  );
}
