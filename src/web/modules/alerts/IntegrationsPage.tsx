import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { formatInstant } from "../../lib/format.ts";
import { EmptyState, PageHeader, Panel, QueryState } from "../../ui/Page.tsx";
import { AlertsTabs } from "./AlertsTabs.tsx";
import { integrationsQuery } from "./queries.ts";
import { integrationTypeLabels } from "./types.ts";
import "../incidents/incidents.css";
import "./alerts.css";

/** Where alerts come from. Integrations are declared in manifests (kind: Integration); managers see them here. */
export function IntegrationsPage() {
  const integrations = useQuery(integrationsQuery);
  return (
    <>
      <PageHeader
        title="Alerts"
        description="Integrations receive alerts from senders; each has its own URL and key, and routes alerts to services."
      />
      <AlertsTabs />
      <Panel title="Integrations">
        <QueryState isPending={integrations.isPending} error={integrations.error}>
          {integrations.data?.items.length === 0 ? (
            <EmptyState>
              No integrations. Declare them in manifests (kind: Integration) and run opsdeck apply.
            </EmptyState>
          ) : (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Integration</th>
                    <th scope="col">Type</th>
                    <th scope="col">Default service</th>
                    <th scope="col">Intake URL</th>
                    <th scope="col">Updated</th>
                  </tr>
                </thead>
                <tbody>
                  {integrations.data?.items.map((i) => (
                    <tr key={i.name}>
                      <td>
                        <Link
                          to="/alerts/integrations/$name"
                          params={{ name: i.name }}
                          className="entity-name mono"
                        >
                          {i.name}
                        </Link>
                        {i.description ? <span className="muted small block">{i.description}</span> : null}
                      </td>
                      <td>
                        <span className={`badge type-badge type-${i.type}`}>
                          {integrationTypeLabels[i.type]}
                        </span>
                      </td>
                      <td>
                        <Link to="/catalog/$kind/$name" params={{ kind: "service", name: i.service }}>
                          {i.service}
                        </Link>
                      </td>
                      <td className="mono small wrap-anywhere">{i.url}</td>
                      <td className="nowrap">{formatInstant(i.updatedAt)}</td>
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
