import { Link } from "@tanstack/react-router";
import { AlertStatusBadge, SeverityBadge } from "../incidents/badges.tsx";
import { AlertLabels, AlertStartedCell } from "./AlertCells.tsx";
import type { AlertView } from "./types.ts";

export function AlertTable({ items, busy }: { items: AlertView[]; busy: boolean }) {
  return (
    <div className="table-wrap">
      <table className="alert-table" aria-busy={busy || undefined}>
        <thead>
          <tr>
            <th scope="col">Alert</th>
            <th scope="col">Severity</th>
            <th scope="col">Status</th>
            <th scope="col">Service</th>
            <th scope="col">Integration</th>
            <th scope="col">Started</th>
            <th scope="col">Incident</th>
          </tr>
        </thead>
        <tbody>
          {items.map((a) => (
            <tr key={a.id} data-alert={a.fingerprint}>
              <td>
                <span className="alert-title">{a.title}</span>
                <AlertLabels labels={a.labels} />
                {a.runbookUrl ? (
                  <a href={a.runbookUrl} target="_blank" rel="noreferrer" className="small">
                    Runbook
                  </a>
                ) : null}
              </td>
              <td>
                <SeverityBadge severity={a.severity} />
              </td>
              <td className="nowrap">
                <AlertStatusBadge status={a.status} />
              </td>
              <td>
                <Link to="/catalog/$kind/$name" params={{ kind: "service", name: a.service }}>
                  {a.service}
                </Link>
              </td>
              <td className="mono small">{a.integration ?? "—"}</td>
              <AlertStartedCell alert={a} />
              <td>
                {a.incidentId ? (
                  <Link to="/incidents/$ref" params={{ ref: a.incidentId }}>
                    View incident
                  </Link>
                ) : (
                  <span className="muted">{a.silenceId ? "silenced" : "—"}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
