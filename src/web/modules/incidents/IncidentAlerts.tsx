import { useQuery } from "@tanstack/react-query";
import { EmptyState, Panel, QueryState } from "../../ui/Page.tsx";
import { AlertLabels, AlertStartedCell } from "../alerts/AlertCells.tsx";
import { AlertStatusBadge, SeverityBadge } from "./badges.tsx";
import { incidentAlertsQuery } from "./queries.ts";

/** The alerts of the incident (and of incidents merged into it), oldest first, as the API gives them. */
export function IncidentAlerts(props: { refKey: string; count: number; manual: boolean }) {
  const { refKey, count } = props;
  const alerts = useQuery(incidentAlertsQuery(refKey));
  const items = alerts.data?.items ?? [];
  const open = items.filter((a) => a.status !== "resolved").length;
  return (
    <Panel title={`Alerts (${alerts.data ? items.length : count})`} className="incident-alerts">
      <QueryState isPending={alerts.isPending} error={alerts.error}>
        {items.length === 0 ? (
          <EmptyState>
            {props.manual
              ? "No alerts: this incident was declared by a person. Merging an alerting incident into it brings its alerts here."
              : "No alerts."}
          </EmptyState>
        ) : (
          <>
            <p className="muted small">
              {open} of {items.length} still open
            </p>
            <div className="table-wrap">
              <table className="alert-table compact-table">
                <thead>
                  <tr>
                    <th scope="col">Alert</th>
                    <th scope="col">Severity</th>
                    <th scope="col">Status</th>
                    <th scope="col">Source</th>
                    <th scope="col">Started</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((a) => (
                    <tr key={a.id} data-alert={a.fingerprint}>
                      <td>
                        <span className="alert-title">{a.title}</span>
                        <AlertLabels labels={a.labels} />
                        {a.sourceUrl ? (
                          <a href={a.sourceUrl} target="_blank" rel="noreferrer" className="small">
                            Source
                          </a>
                        ) : null}
                      </td>
                      <td>
                        <SeverityBadge severity={a.severity} />
                      </td>
                      <td className="nowrap">
                        <AlertStatusBadge status={a.status} />
                      </td>
                      <td className="mono small">{a.integration ?? "—"}</td>
                      <AlertStartedCell alert={a} />
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </QueryState>
    </Panel>
  );
}
