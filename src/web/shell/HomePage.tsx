import { useMe } from "../lib/session.ts";
import { roleAtLeast } from "../lib/types.ts";
import { OpenIncidentsPanel } from "../modules/incidents/OpenIncidentsPanel.tsx";
import {
  BudgetsAtRiskPanel,
  BurningSlosPanel,
  OverdueActionItemsPanel,
} from "../modules/reports/AttentionPanels.tsx";
import { nav } from "../nav.ts";
import { PageHeader } from "../ui/Page.tsx";
import { NavLink } from "./NavLink.tsx";

/** What needs attention now: open incidents, overdue follow-ups, burning SLOs, budgets at risk. */
export function HomePage() {
  const me = useMe();
  const entries = nav
    .flatMap((s) => s.entries)
    .filter((e) => e.key !== "home" && (!e.minRole || roleAtLeast(me.role, e.minRole)));
  return (
    <>
      <PageHeader
        title={`Welcome, ${me.displayName}`}
        description="What needs attention now: open incidents, overdue follow-ups, burning SLOs and budgets at risk."
      />
      <OpenIncidentsPanel />
      <div className="attention-grid">
        <OverdueActionItemsPanel />
        <BurningSlosPanel />
        <BudgetsAtRiskPanel />
      </div>
      <h2 className="section-title">Modules</h2>
      <ul className="module-index" aria-label="Modules">
        {entries.map((e) => (
          <li key={e.key}>
            <NavLink entry={e} className="chip">
              {e.label}
              {e.to === undefined ? " (planned)" : ""}
            </NavLink>
          </li>
        ))}
      </ul>
    </>
  );
}
