import { useQueries, useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { Panel, QueryState } from "../../ui/Page.tsx";
import { policiesQuery } from "../escalation/queries.ts";
import type { PolicyView } from "../escalation/types.ts";
import { scheduleQuery } from "./queries.ts";

/** The policy escalating a service's incidents: the one naming it, else the default one (docs/escalation.md). */
export function policyOfService(policies: readonly PolicyView[], service: string): PolicyView | undefined {
  return policies.find((p) => p.services.includes(service)) ?? policies.find((p) => p.default);
}

/** For the service page: the escalation policy covering the service and who is on call now on its schedules. */
export function ServiceOnCall(props: { service: string }) {
  const policies = useQuery(policiesQuery);
  const policy = policyOfService(policies.data?.items ?? [], props.service);
  const schedules = policy?.schedules ?? [];
  const onCall = useQueries({ queries: schedules.map((name) => scheduleQuery(name)) });
  return (
    <Panel title="On call">
      <QueryState isPending={policies.isPending} error={policies.error}>
        {policy ? (
          <>
            <p data-policy={policy.name}>
              Escalation policy{" "}
              <Link to="/escalation/policies/$name" params={{ name: policy.name }}>
                {policy.name}
              </Link>
              {policy.services.includes(props.service) ? null : (
                <span className="muted small"> (the default policy)</span>
              )}
            </p>
            {schedules.length === 0 ? (
              <p className="muted small">Its levels name no schedule.</p>
            ) : (
              <ul className="shift-list service-oncall">
                {schedules.map((name, i) => {
                  const q = onCall[i];
                  return (
                    <li key={name} data-schedule={name}>
                      <Link to="/oncall/schedules/$name" params={{ name }}>
                        {name}
                      </Link>
                      :{" "}
                      <strong className="oncall-now">
                        {q?.data ? (q.data.onCallNow ?? "nobody") : q?.error ? "unknown" : "…"}
                      </strong>
                    </li>
                  );
                })}
              </ul>
            )}
          </>
        ) : (
          <p className="empty">No escalation policy covers this service, and there is no default policy.</p>
        )}
      </QueryState>
    </Panel>
  );
}
