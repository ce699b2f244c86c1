import { Link, useRouterState } from "@tanstack/react-router";
import { useEffect, useState } from "react";
import { type Role, roleAtLeast } from "../lib/types.ts";
import { nav } from "../nav.ts";
import { NavLink } from "./NavLink.tsx";

/** The module navigation, drawn from `nav.ts`; entries above the user's role are left out. */
export function Sidebar({ role }: { role: Role }) {
  // Only narrow screens fold the menu; it closes again whenever the page changes.
  const [open, setOpen] = useState(false);
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  useEffect(() => {
    if (pathname) setOpen(false);
  }, [pathname]);

  return (
    <aside className={open ? "sidebar open" : "sidebar"}>
      <div className="sidebar-inner">
        <div className="sidebar-header">
          <Link to="/" className="brand">
            <span className="brand-mark" aria-hidden="true">
              ◆
            </span>
            opsdeck
          </Link>
          <button
            type="button"
            className="button button-ghost menu-button"
            aria-expanded={open}
            aria-controls="main-nav"
            onClick={() => setOpen(!open)}
          >
            Menu
          </button>
        </div>
        <nav aria-label="Main" id="main-nav">
          {nav.map((section) => {
            const entries = section.entries.filter((e) => !e.minRole || roleAtLeast(role, e.minRole));
            if (entries.length === 0) return null;
            return (
              <div className="nav-section" key={section.label}>
                <h2 className="nav-heading">{section.label}</h2>
                <ul>
                  {entries.map((entry) => (
                    <li key={entry.key}>
                      <NavLink entry={entry} className="nav-link" exact={entry.to === "/"}>
                        <span>{entry.label}</span>
                        {entry.to === undefined ? <span className="badge">soon</span> : null}
                      </NavLink>
                    </li>
                  ))}
                </ul>
              </div>
            );
          })}
        </nav>
      </div>
    </aside>
  );
}
