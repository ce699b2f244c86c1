import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { useMe } from "../../lib/session.ts";
import { roleAtLeast } from "../../lib/types.ts";
import { EmptyState, PageHeader, Panel, QueryState } from "../../ui/Page.tsx";
import { policiesQuery } from "./queries.ts";
import "./escalation.css";

/** Every escalation policy: its levels at a glance, its services, and which one is the default. */
export function PoliciesPage() {
  const me = useMe();
  const policies = useQuery(policiesQuery);
  return (
    <>
      <PageHeader
        title="Escalation policies"
        description="Who is paged when an incident triggers, and who next when nobody acknowledges."
        actions={
          roleAtLeast(me.role, "manager") ? (
            <Link to="/escalation/new" className="button button-primary">
              New policy
            </Link>
          ) : null
        }
      />
      <Panel title="Policies">
        <QueryState isPending={policies.isPending} error={policies.error}>
          {policies.data?.items.length === 0 ? (
            <EmptyState>
              No escalation policies yet. Create one, or declare kind: EscalationPolicy.
            </EmptyState>
          ) : (
            <div className="table-wrap">
              <table className="policy-table">
                <thead>
                  <tr>
                    <th scope="col">Policy</th>
                    <th scope="col">Levels</th>
                    <th scope="col">Rounds</th>
                    <th scope="col">Services</th>
                  </tr>
                </thead>
                <tbody>
                  {policies.data?.items.map((p) => (
                    <tr key={p.name} data-policy={p.name}>
                      <td>
                        <Link to="/escalation/policies/$name" params={{ name: p.name }}>
                          {p.name}
                        </Link>{" "}
                        {p.default ? <span className="badge badge-ok">default</span> : null}
                        {p.description ? <div className="muted small">{p.description}</div> : null}
                      </td>
                      <td>
                        <ol className="level-summary">
                          {p.levels.map((l, i) => (
                            // biome-ignore lint/suspicious/noArrayIndexKey: levels are ordered, never keyed otherwise
                            <li key={i}>
                              <span className="muted small">+{l.afterMinutes} min</span>{" "}
                              <span className="mono small">{l.targets.join(", ")}</span>
                            </li>
                          ))}
                        </ol>
                      </td>
                      <td className="nowrap">
                        {p.repeat > 0 ? `${p.repeat + 1}× (every ${p.repeatAfterMinutes} min)` : "once"}
                      </td>
                      <td className="small">{p.services.join(", ") || "—"}</td>
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
