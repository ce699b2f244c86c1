import { Link } from "@tanstack/react-router";
import { formatInstant } from "../../lib/format.ts";
import { SeverityBadge, StatusBadge } from "./badges.tsx";
import { ago, lasted } from "./format.ts";
import type { IncidentSummary } from "./types.ts";

/** One row per incident: what a responder scans first is severity, state and how long it has been going. */
export function IncidentTable(props: { items: IncidentSummary[]; busy?: boolean; compact?: boolean }) {
  return (
    <div className="table-wrap">
      <table className="incident-table" aria-busy={props.busy || undefined}>
        <thead>
          <tr>
            <th scope="col">Incident</th>
            <th scope="col">Severity</th>
            <th scope="col">Status</th>
            <th scope="col">Service</th>
            {props.compact ? null : <th scope="col">Alerts</th>}
            <th scope="col">Opened</th>
            {props.compact ? null : <th scope="col">Duration</th>}
          </tr>
        </thead>
        <tbody>
          {props.items.map((i) => (
            <tr key={i.id} data-incident={i.number} data-status={i.status}>
              <td>
                <span className="incident-number mono">#{i.number}</span>{" "}
                <Link to="/incidents/$ref" params={{ ref: String(i.number) }} className="incident-title">
                  {i.title}
                </Link>
              </td>
              <td>
                <SeverityBadge severity={i.severity} />
              </td>
              <td className="nowrap">
                <StatusBadge status={i.status} />
              </td>
              <td>
                {i.service ? (
                  <Link to="/catalog/$kind/$name" params={{ kind: "service", name: i.service }}>
                    {i.service}
                  </Link>
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
              {props.compact ? null : (
                <td className="numeric" data-column="alerts">
                  {i.alertCount}
                </td>
              )}
              <td className="nowrap" title={formatInstant(i.createdAt)}>
                {ago(i.createdAt)}
              </td>
              {props.compact ? null : (
                <td className="nowrap muted">
                  {lasted(i.createdAt, i.resolvedAt)}
                  {i.resolvedAt ? null : " so far"}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
