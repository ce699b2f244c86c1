import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { formatInstant } from "../../lib/format.ts";
import { Panel, QueryState } from "../../ui/Page.tsx";
import { prometheusSourceQuery } from "./queries.ts";

/** The PromQL an SLO reads, how far it has been read, and the last problem (naming the field). */
export function PrometheusSource(props: { name: string; queries: { field: string; query: string }[] }) {
  const source = useQuery(prometheusSourceQuery(props.name));
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
      <QueryState isPending={source.isPending} error={source.error}>
        {source.data?.lastError ? (
          <p className="notice notice-error" role="alert">
            {source.data.lastError.field ? <strong>{source.data.lastError.field}: </strong> : null}
            {source.data.lastError.message}
            <span className="small muted"> ({formatInstant(source.data.lastError.at)})</span>
          </p>
        ) : null}
        <p className="small muted">
          {source.data?.evaluatedThrough
            ? `Read up to ${formatInstant(source.data.evaluatedThrough)}; missing minutes are gaps, not zeros.`
            : "Not read yet: opsdeck reads Prometheus once a minute."}{" "}
          <Link to="/slos/rules">Recording and alerting rules</Link>
        </p>
      </QueryState>
    </Panel>
  );
}
