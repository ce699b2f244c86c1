import { useQuery } from "@tanstack/react-query";
import { formatInstant } from "../../lib/format.ts";
import { EmptyState, QueryState } from "../../ui/Page.tsx";
import { burnRate } from "./format.ts";
import { alertsQuery } from "./queries.ts";

/** Every burn-rate alert transition of one SLO, newest first. */
export function AlertHistory({ name }: { name: string }) {
  const alerts = useQuery(alertsQuery(name));
  return (
    <QueryState isPending={alerts.isPending} error={alerts.error}>
      {alerts.data?.items.length === 0 ? (
        <EmptyState>No burn-rate alerts so far.</EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="slo-alerts">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Severity</th>
                <th scope="col">State</th>
                <th scope="col">Windows</th>
                <th scope="col">Burn (long / short)</th>
                <th scope="col">Note</th>
              </tr>
            </thead>
            <tbody>
              {alerts.data?.items.map((a) => (
                <tr key={`${a.at}-${a.severity}-${a.state}`}>
                  <td className="nowrap">{formatInstant(a.at)}</td>
                  <td>
                    <span className={`badge ${a.severity === "page" ? "badge-danger" : "badge-warn"}`}>
                      {a.severity}
                    </span>
                  </td>
                  <td>
                    <span className={`badge ${a.state === "firing" ? "badge-danger" : "badge-ok"}`}>
                      {a.state}
                    </span>
                  </td>
                  <td className="mono small">{a.windows.join(" & ")}</td>
                  <td className="slo-num">
                    {burnRate(a.burnRates.long)} / {burnRate(a.burnRates.short)}
                  </td>
                  <td className="small muted">{a.note ?? (a.alertId ? "sent as an alert" : "")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </QueryState>
  );
}
