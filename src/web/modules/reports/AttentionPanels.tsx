import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import type { ReactNode } from "react";
import { EmptyState, Panel, QueryState } from "../../ui/Page.tsx";
import { attentionSourcesQuery, budgetsQuery, overdueActionItemsQuery, slosQuery } from "./queries.ts";
import "./reports.css";

const shown = 6;

/** A panel over another module's data: "not available" when that module is not installed (404). */
function OptionalPanel<T>(props: {
  title: string;
  query: { isPending: boolean; error: unknown; data: { items: T[] } | null | undefined };
  empty: string;
  children: (items: T[]) => ReactNode;
}) {
  const { data } = props.query;
  const count = data ? ` (${data.items.length})` : "";
  return (
    <Panel title={`${props.title}${count}`}>
      <QueryState isPending={props.query.isPending} error={props.query.error}>
        {data === null ? (
          <p className="empty small" data-unavailable="true">
            Not available: this opsdeck does not have that module yet.
          </p>
        ) : data && data.items.length === 0 ? (
          <EmptyState>{props.empty}</EmptyState>
        ) : data ? (
          props.children(data.items)
        ) : null}
      </QueryState>
    </Panel>
  );
}

export function OverdueActionItemsPanel() {
  const sources = useQuery(attentionSourcesQuery);
  const query = useQuery(overdueActionItemsQuery(sources.data?.overdueActionItems));
  return (
    <OptionalPanel
      title="Overdue action items"
      query={{ ...query, error: sources.error ?? query.error }}
      empty="No overdue action items."
    >
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
    </OptionalPanel>
  );
}

export function BurningSlosPanel() {
  const sources = useQuery(attentionSourcesQuery);
  const query = useQuery(slosQuery(sources.data?.slos));
  const burning = query.data ? { items: query.data.items.filter((s) => s.burning !== null) } : query.data;
  return (
    <OptionalPanel
      title="Burning SLOs"
      query={{ ...query, data: burning, error: sources.error ?? query.error }}
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
    </OptionalPanel>
  );
}

export function BudgetsAtRiskPanel() {
  const sources = useQuery(attentionSourcesQuery);
  const query = useQuery(budgetsQuery(sources.data?.budgets));
  const atRisk = query.data ? { items: query.data.items.filter((b) => b.status !== "ok") } : query.data;
  return (
    <OptionalPanel
      title="Budgets at risk"
      query={{ ...query, data: atRisk, error: sources.error ?? query.error }}
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
    </OptionalPanel>
  );
}
