import { Link } from "@tanstack/react-router";

/** Postmortems, their action items and runbooks share one header: one place to learn from incidents. */
export function PostmortemTabs() {
  const active = { "aria-current": "page" as const };
  return (
    <nav className="pm-tabs" aria-label="Learning">
      <Link to="/postmortems" className="pm-tab" activeProps={active} activeOptions={{ exact: true }}>
        Postmortems
      </Link>
      <Link to="/postmortems/action-items" search={{}} className="pm-tab" activeProps={active}>
        Action items
      </Link>
      <Link to="/postmortems/runbooks" className="pm-tab" activeProps={active}>
        Runbooks
      </Link>
    </nav>
  );
}
