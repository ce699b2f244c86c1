import { Link } from "@tanstack/react-router";

/** The cost pages share one header: where money goes, what it may cost, what went wrong, what is owed. */
export function CostTabs() {
  const active = { "aria-current": "page" as const };
  return (
    <nav className="tabs" aria-label="Cost">
      <Link to="/cost" className="tab" activeProps={active} activeOptions={{ exact: true }}>
        Explorer
      </Link>
      <Link to="/cost/budgets" className="tab" activeProps={active}>
        Budgets
      </Link>
      <Link to="/cost/anomalies" className="tab" activeProps={active}>
        Anomalies
      </Link>
      <Link to="/cost/commitments" className="tab" activeProps={active}>
        Commitments
      </Link>
      <Link to="/cost/tagging" className="tab" activeProps={active}>
        Tagging
      </Link>
      <Link to="/cost/imports" className="tab" activeProps={active}>
        Imports
      </Link>
    </nav>
  );
}
