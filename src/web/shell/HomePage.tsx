import { useMe } from "../lib/session.ts";
import { roleAtLeast } from "../lib/types.ts";
import { OpenIncidentsPanel } from "../modules/incidents/OpenIncidentsPanel.tsx";
import { nav } from "../nav.ts";
import { PageHeader } from "../ui/Page.tsx";
import { NavLink } from "./NavLink.tsx";

/** A short orientation: what is available now and what is announced. */
export function HomePage() {
  const me = useMe();
  const entries = nav
    .flatMap((s) => s.entries)
    .filter((e) => e.key !== "home" && (!e.minRole || roleAtLeast(me.role, e.minRole)));
  const ready = entries.filter((e) => e.to !== undefined);
  const planned = entries.filter((e) => e.to === undefined);
  return (
    <>
      <PageHeader
        title={`Welcome, ${me.displayName}`}
        description="opsdeck is the operations system of record: on-call, incidents, catalog, SLOs and cost."
      />
      <OpenIncidentsPanel />
      <h2 className="section-title">Available now</h2>
      <ul className="card-grid">
        {ready.map((e) => (
          <li key={e.key}>
            <NavLink entry={e} className="card card-link">
              <strong>{e.label}</strong>
              <span className="muted">{e.description}</span>
            </NavLink>
          </li>
        ))}
      </ul>
      <h2 className="section-title">Coming in later releases</h2>
      <ul className="chip-list">
        {planned.map((e) => (
          <li key={e.key}>
            <NavLink entry={e} className="chip">
              {e.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </>
  );
}
