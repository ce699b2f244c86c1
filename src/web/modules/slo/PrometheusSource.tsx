import { Link } from "@tanstack/react-router";
import { formatInstant } from "../../lib/format.ts";
import { Panel } from "../../ui/Page.tsx";
import type { SloStatus } from "./types.ts";

/**
 * The PromQL an SLO reads, how far it has been read, and the last problem (naming the field). The read
 * state comes with the SLO's status (`status.prometheus`), so it needs no request of its own.
 */
export function PrometheusSource(props: {
  queries: { field: string; query: string }[];
  state: SloStatus["prometheus"];
}) {
  const { state } = props;
  return (
    <Panel title="Prometheus source">
      <dl className="promql-list">
        {props.queries.map((q) => (
          <div key={q.field}>
            <dt>{q.field}</dt>
            <dd>
              <code className="mono small">{q.query}</code>
            </dd>
          </div>
        ))}
      </dl>
      {state?.lastError ? (
        <p className="notice notice-error" role="alert">
          {state.lastError.field ? <strong>{state.lastError.field}: </strong> : null}
          {state.lastError.message}
          <span className="small muted"> ({formatInstant(state.lastError.at)})</span>
        </p>
      ) : null}
      <p className="small muted">
        {state?.evaluatedThrough
          ? `Read up to ${formatInstant(state.evaluatedThrough)}; missing minutes are gaps, not zeros.`
          : "Not read yet: opsdeck reads Prometheus once a minute."}{" "}
        <Link to="/slos/rules">Recording and alerting rules</Link>
      </p>
    </Panel>
  );
}
