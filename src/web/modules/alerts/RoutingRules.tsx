import { Link } from "@tanstack/react-router";
import { EmptyState, Panel } from "../../ui/Page.tsx";
import { SeverityBadge } from "../incidents/badges.tsx";
import type { IntegrationDetail } from "./types.ts";

function ServiceLink({ name }: { name: string }) {
  return (
    <Link to="/catalog/$kind/$name" params={{ kind: "service", name }}>
      {name}
    </Link>
  );
}

function GroupBy({ labels }: { labels: string[] }) {
  if (labels.length === 0) return <span className="muted">one incident for the service</span>;
  return (
    <>
      {labels.map((l) => (
        <span key={l} className="tag mono">
          {l}
        </span>
      ))}
    </>
  );
}

/** Routing: the first rule whose matchers all hold decides; what a rule leaves out comes from the defaults. */
export function RoutingRules({ spec }: { spec: IntegrationDetail["spec"] }) {
  return (
    <Panel title="Routing">
      <p className="muted small">
        The first rule whose matchers all hold decides the service, severity and grouping of an alert; alerts
        of one service with equal values of the group-by labels share an open incident.
      </p>
      {spec.routes.length === 0 ? <EmptyState>No rules: every alert takes the defaults.</EmptyState> : null}
      <div className="table-wrap">
        <table className="routing-table">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">When labels match</th>
              <th scope="col">Service</th>
              <th scope="col">Severity</th>
              <th scope="col">Group by</th>
            </tr>
          </thead>
          <tbody>
            {spec.routes.map((r, n) => (
              // Rules have no id; their position is what identifies them (first match wins).
              // biome-ignore lint/suspicious/noArrayIndexKey: the order is the rule's identity
              <tr key={n}>
                <td className="muted">{n + 1}</td>
                <td>
                  {r.match.map((m) => (
                    <span key={m} className="tag mono">
                      {m}
                    </span>
                  ))}
                </td>
                <td>
                  {r.service ? <ServiceLink name={r.service} /> : <span className="muted">default</span>}
                </td>
                <td>
                  {r.severity ? (
                    <SeverityBadge severity={r.severity} />
                  ) : (
                    <span className="muted">from alert</span>
                  )}
                </td>
                <td>{r.groupBy ? <GroupBy labels={r.groupBy} /> : <span className="muted">default</span>}</td>
              </tr>
            ))}
            <tr className="routing-default">
              <td className="muted">—</td>
              <td>
                <strong>Otherwise</strong> <span className="muted small">(defaults)</span>
              </td>
              <td>
                <ServiceLink name={spec.service} />
              </td>
              <td>
                <SeverityBadge severity={spec.severity} />{" "}
                <span className="muted small">unless the alert says</span>
              </td>
              <td>
                <GroupBy labels={spec.groupBy} />
              </td>
            </tr>
          </tbody>
        </table>
      </div>
    </Panel>
  );
}
