import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import type { ReactNode } from "react";
import { EmptyState, Panel, QueryState } from "../../ui/Page.tsx";
import { budgetsQuery, overdueActionItemsQuery, slosQuery } from "./queries.ts";
import "./reports.css";

const shown = 6;

/** A panel over another module's items: its count in the title, an empty state, or the items. */
function AttentionPanel<T>(props: {
  title: string;
  query: { isPending: boolean; error: unknown; data: { items: T[] } | undefined };
  empty: string;
  children: (items: T[]) => ReactNode;
}) {
  const { data } = props.query;
  const count = data ? ` (${data.items.length})` : "";
  return (
    <Panel title={`${props.title}${count}`}>
      <QueryState isPending={props.query.isPending} error={props.query.error}>
        {data && data.items.length === 0 ? (
          <EmptyState>{props.empty}</EmptyState>
        ) : data ? (
          props.children(data.items)
        ) : null}
      </QueryState>
    </Panel>
  );
}

export function OverdueActionItemsPanel() {
  const query = useQuery(overdueActionItemsQuery);
  return (
    <AttentionPanel title="Overdue action items" query={query} empty="No overdue action items.">
      {(items) => (
        <ul className="attention-list">
          {items.slice(0, shown).map((a) => (
            <li key={a.id}>
              <span>
                {a.title}{" "}
                <Link to="/incidents/$ref" params={{ ref: String(a.incidentNumber) }} className="small">
                  #{a.incidentNumber}
                </Link>
              </span>
              <span className="small muted nowrap">
                due {a.dueDate ?? "—"} · {a.owner?.name ?? a.team ?? "unowned"}
              </span>
            </li>
          ))}
        </ul>
      )}
    </AttentionPanel>
  );
}

export function BurningSlosPanel() {
  const query = useQuery(slosQuery);
  const burning = query.data ? { items: query.data.items.filter((s) => s.burning !== null) } : query.data;
  return (
    <AttentionPanel
      title="Burning SLOs"
      query={{ ...query, data: burning }}
      empty="No SLO is burning its error budget fast."
    >
      {(items) => (
        <ul className="attention-list">
          {items.slice(0, shown).map((s) => (
            <li key={s.name}>
              <span>
                {s.name} <span className="muted small">{s.service}</span>
              </span>
              <span className={`badge ${s.burning === "page" ? "badge-danger" : "badge-warn"}`}>
                {s.burning} ·{" "}
                {s.errorBudget.remaining === null
                  ? "no data"
                  : `${Math.round(s.errorBudget.remaining * 100)}% budget left`}
              </span>
            </li>
          ))}
        </ul>
      )}
    </AttentionPanel>
  );
}

export function BudgetsAtRiskPanel() {
  const query = useQuery(budgetsQuery);
  const atRisk = query.data ? { items: query.data.items.filter((b) => b.status !== "ok") } : query.data;
  return (
    <AttentionPanel
      title="Budgets at risk"
      query={{ ...query, data: atRisk }}
      empty="Every budget is on track."
    >
      {(items) => (
        <ul className="attention-list">
          {items.slice(0, shown).map((b) => (
            <li key={b.name}>
              <span>{b.name}</span>
              <span className={`badge ${b.status === "over" ? "badge-danger" : "badge-warn"}`}>
                {b.status} · {Math.round(b.percentUsed)}% of {String(b.amount)} {b.currency}
              </span>
            </li>
          ))}
        </ul>
      )}
    </AttentionPanel>
  );
}
