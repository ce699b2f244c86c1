import { formatInstant } from "../../lib/format.ts";
import { ago } from "../incidents/format.ts";
import type { AlertView } from "./types.ts";

/** Labels shown as tags; alertname and severity are already in the title and the badge. */
export function AlertLabels({ labels }: { labels: AlertView["labels"] }) {
  const entries = Object.entries(labels).filter(([k]) => k !== "alertname" && k !== "severity");
  if (entries.length === 0) return null;
  return (
    <span className="label-tags">
      {entries.map(([k, v]) => (
        <span key={k} className="tag mono">
          {k}={v}
        </span>
      ))}
    </span>
  );
}

/** When the alert started (relative, exact on hover), and when it resolved. */
export function AlertStartedCell({ alert }: { alert: Pick<AlertView, "startsAt" | "resolvedAt"> }) {
  return (
    <td className="nowrap" title={formatInstant(alert.startsAt)}>
      {ago(alert.startsAt)}
      {alert.resolvedAt ? <span className="muted small block">resolved {ago(alert.resolvedAt)}</span> : null}
    </td>
  );
}
