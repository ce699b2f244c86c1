import { useQuery } from "@tanstack/react-query";
import { Link, useParams } from "@tanstack/react-router";
import { useState } from "react";
import { formatInstant } from "../../lib/format.ts";
import { PageHeader, Panel, QueryState } from "../../ui/Page.tsx";
import { AlertHistory } from "./AlertHistory.tsx";
import { BudgetBar } from "./BudgetBar.tsx";
import { BurnRateTable } from "./BurnRateTable.tsx";
import { duration, percent } from "./format.ts";
import { LineChart } from "./LineChart.tsx";
import { PrometheusSource } from "./PrometheusSource.tsx";
import { seriesQuery, sloQuery } from "./queries.ts";
import { type ChartRange, RangePicker, rangeStart } from "./RangePicker.tsx";
import { BurningBadge } from "./SlosPage.tsx";
import { specFacts } from "./spec.ts";
import type { SloDetail } from "./types.ts";
import "./slo.css";

/** One SLO: where it stands, the SLI and budget over its window, burn rates and alert history. */
export function SloPage() {
  const { name } = useParams({ from: "/signed-in/slos/$name" });
  const slo = useQuery(sloQuery(name));
  return (
    <>
      <PageHeader
        title={name}
        description={
          slo.data ? (
            <>
              {specFacts(slo.data.spec).description || "Service level objective"} · service{" "}
              <Link to="/catalog/$kind/$name" params={{ kind: "service", name: slo.data.service }}>
                {slo.data.service}
              </Link>
            </>
          ) : undefined
        }
        actions={
          <Link to="/slos" className="button">
            All SLOs
          </Link>
        }
      />
      <QueryState isPending={slo.isPending} error={slo.error}>
        {slo.data ? <SloBody slo={slo.data} /> : null}
      </QueryState>
    </>
  );
}

function SloBody({ slo }: { slo: SloDetail }) {
  const { status } = slo;
  const facts = specFacts(slo.spec);
  const [range, setRange] = useState<ChartRange>("window");
  const from = rangeStart(range, status.window.from, status.at);
  const series = useQuery(seriesQuery(slo.name, from, status.at));
  const points = series.data?.points ?? [];
  const sliLine = points.map((p) => ({ x: Date.parse(p.at), y: p.sli }));
  const budgetLine = points.map((p) => ({ x: Date.parse(p.at), y: p.budgetRemaining }));
  return (
    <>
      <Panel title="Status" className="slo-status">
        <dl className="slo-facts">
          <div>
            <dt>SLI</dt>
            <dd className={status.sli !== null && status.sli < status.objective ? "sli-below" : ""}>
              {percent(status.sli)}
            </dd>
          </div>
          <div>
            <dt>Objective</dt>
            <dd>{percent(status.objective)}</dd>
          </div>
          <div>
            <dt>Window</dt>
            <dd className="small">{status.window.text}</dd>
          </div>
          <div>
            <dt>Error budget left</dt>
            <dd>
              <BudgetBar
                remaining={status.errorBudget.remaining}
                label={`Error budget left: ${percent(status.errorBudget.remaining, 1)}`}
              />
              {percent(status.errorBudget.remaining, 1)}
            </dd>
          </div>
          <div>
            <dt>Exhausted in</dt>
            <dd>
              {status.errorBudget.remaining !== null && status.errorBudget.remaining <= 0
                ? "already exhausted"
                : duration(status.timeToExhaustionSeconds)}
            </dd>
          </div>
          <div>
            <dt>Events</dt>
            <dd className="small">
              {status.events.good.toLocaleString()} good of {status.events.total.toLocaleString()}
            </dd>
          </div>
        </dl>
        <p className="small muted">
          As of {formatInstant(status.at)} · {facts.indicatorKind} indicator{" "}
          <BurningBadge burning={status.burning} />
          {status.dataGap ? <span className="badge badge-warn">data gap: no recent data</span> : null}
        </p>
      </Panel>
      {facts.indicatorKind === "prometheus" ? (
        <PrometheusSource queries={facts.queries} state={status.prometheus} />
      ) : null}
      <Panel title="SLI over time">
        <RangePicker value={range} onChange={setRange} />
        <QueryState isPending={series.isPending} error={series.error}>
          <LineChart
            title="SLI"
            series={[{ key: "sli", label: "SLI", points: sliLine, className: "line-accent" }]}
            rules={[
              {
                y: status.objective,
                label: `objective ${percent(status.objective)}`,
                className: "rule-objective",
              },
            ]}
            formatY={(y) => percent(y, 2)}
          />
        </QueryState>
      </Panel>
      <Panel title="Error budget burn-down">
        <QueryState isPending={series.isPending} error={series.error}>
          <LineChart
            title="Error budget remaining"
            series={[{ key: "budget", label: "Budget left", points: budgetLine, className: "line-budget" }]}
            rules={[{ y: 0, label: "exhausted", className: "rule-danger" }]}
            formatY={(y) => percent(y, 0)}
          />
        </QueryState>
      </Panel>
      <Panel title="Burn rates">
        <BurnRateTable burnRates={status.burnRates} conditions={facts.conditions} />
      </Panel>
      <Panel title="Alert history">
        <AlertHistory name={slo.name} />
      </Panel>
    </>
  );
}
