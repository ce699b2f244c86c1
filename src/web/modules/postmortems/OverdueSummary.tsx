import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { Panel, QueryState } from "../../ui/Page.tsx";
import { actionItemsQuery } from "./queries.ts";
import type { ActionItemView } from "./types.ts";

function countBy(items: ActionItemView[], key: (i: ActionItemView) => string | null): [string, number][] {
  const counts = new Map<string, number>();
  for (const item of items) {
    const k = key(item);
    if (k) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/** Who owes what: overdue items counted per team and per person, each a link to that list. */
export function OverdueSummary() {
  const overdue = useQuery(actionItemsQuery({ overdue: true }));
  const items = overdue.data?.items ?? [];
  const teams = countBy(items, (i) => i.team);
  const people = countBy(items, (i) => i.owner?.name ?? null);
  return (
    <Panel title={`Overdue (${items.length})`}>
      <QueryState isPending={overdue.isPending} error={overdue.error}>
        {items.length === 0 ? (
          <p className="muted">Nothing is overdue.</p>
        ) : (
          <div className="pm-overdue-summary">
            <div>
              <h3>By team</h3>
              <ul className="chip-list">
                {teams.map(([team, n]) => (
                  <li key={team}>
                    <Link to="/postmortems/action-items" search={{ overdue: true, team }} className="chip">
                      {team}: {n}
                    </Link>
                  </li>
                ))}
              </ul>
            </div>
            <div>
              <h3>By person</h3>
              <ul className="chip-list">
                {people.map(([owner, n]) => (
                  <li key={owner}>
                    <Link to="/postmortems/action-items" search={{ overdue: true, owner }} className="chip">
                      {owner}: {n}
                    </Link>
                  </li>
                ))}
              </ul>
            </div>
          </div>
        )}
      </QueryState>
    </Panel>
  );
}
