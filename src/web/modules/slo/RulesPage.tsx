import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { CopyButton } from "../../ui/CopyButton.tsx";
import { PageHeader, Panel, QueryState } from "../../ui/Page.tsx";
import { rulesQuery } from "./queries.ts";
import "./slo.css";

/** The Prometheus rule file for every SLO with a Prometheus indicator, ready to copy into `rule_files`. */
export function RulesPage() {
  const rules = useQuery(rulesQuery);
  return (
    <>
      <PageHeader
        title="Prometheus rules"
        description={
          <>
            Recording rules (slo:sli_error:ratio_rate5m … 3d, slo:objective:ratio, slo:error_budget:ratio) and
            multi-window burn-rate alerts for SLOs with a Prometheus indicator. Also:{" "}
            <code>opsdeck slo rules --format prometheus --out slo-rules.yaml</code>
          </>
        }
        actions={
          <Link to="/slos" className="button">
            All SLOs
          </Link>
        }
      />
      <Panel title="Rule file">
        <QueryState isPending={rules.isPending} error={rules.error}>
          <div className="rules-header">
            <p className="muted small">
              Save as a file listed under rule_files in prometheus.yml, then check it with promtool check
              rules.
            </p>
            <CopyButton value={rules.data ?? ""} label="Copy rules" />
          </div>
          <pre className="rules-yaml">
            <code>{rules.data}</code>
          </pre>
        </QueryState>
      </Panel>
    </>
  );
}
