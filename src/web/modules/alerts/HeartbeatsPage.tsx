import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { formatInstant } from "../../lib/format.ts";
import { useMe } from "../../lib/session.ts";
import { roleAtLeast } from "../../lib/types.ts";
import { EmptyState, PageHeader, Panel, QueryState } from "../../ui/Page.tsx";
import { ago, compactDuration } from "../incidents/format.ts";
import { AlertsTabs } from "./AlertsTabs.tsx";
import { heartbeatsQuery } from "./queries.ts";
import "../incidents/incidents.css";
import "./alerts.css";

/** Jobs that must check in: a missed ping is an alert like any other. Declared with `kind: Heartbeat`. */
export function HeartbeatsPage() {
  const me = useMe();
  const heartbeats = useQuery(heartbeatsQuery);
  const manager = roleAtLeast(me.role, "manager");
  return (
    <>
      <PageHeader
        title="Alerts"
        description="Heartbeats expect a ping from a job every interval; a missed one fires an alert on its integration."
      />
      <AlertsTabs />
      <Panel title="Heartbeats">
        <QueryState isPending={heartbeats.isPending} error={heartbeats.error}>
          {heartbeats.data?.items.length === 0 ? (
            <EmptyState>
              No heartbeats. Declare them in manifests (kind: Heartbeat) and run opsdeck apply.
            </EmptyState>
          ) : (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Heartbeat</th>
                    <th scope="col">State</th>
                    <th scope="col">Interval</th>
                    <th scope="col">Last ping</th>
                    <th scope="col">Next due</th>
                    <th scope="col">Integration</th>
                  </tr>
                </thead>
                <tbody>
                  {heartbeats.data?.items.map((h) => (
                    <tr key={h.name} data-state={h.state}>
                      <td>
                        <strong className="mono">{h.name}</strong>
                        {h.description ? <span className="muted small block">{h.description}</span> : null}
                      </td>
                      <td>
                        <span className={h.state === "up" ? "badge badge-ok" : "badge badge-danger"}>
                          {h.state === "up" ? "up" : "missed"}
                        </span>
                      </td>
                      <td className="nowrap">every {compactDuration(h.intervalMinutes * 60)}</td>
                      <td className="nowrap" title={formatInstant(h.lastPingAt)}>
                        {h.lastPingAt ? ago(h.lastPingAt) : <span className="muted">never</span>}
                      </td>
                      <td className="nowrap">{formatInstant(h.nextDueAt)}</td>
                      <td>
                        {manager ? (
                          <Link
                            to="/alerts/integrations/$name"
                            params={{ name: h.integration }}
                            className="mono"
                          >
                            {h.integration}
                          </Link>
                        ) : (
                          <span className="mono">{h.integration}</span>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </QueryState>
      </Panel>
    </>
  );
}
