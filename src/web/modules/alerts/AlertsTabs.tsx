import { Link } from "@tanstack/react-router";
import { useMe } from "../../lib/session.ts";
import { roleAtLeast } from "../../lib/types.ts";

/** The alerting pages share one header: alerts, what silences them, heartbeats, and where they come from. */
export function AlertsTabs() {
  const me = useMe();
  const active = { "aria-current": "page" as const };
  return (
    <nav className="tabs" aria-label="Alerting">
      <Link to="/alerts" search={{}} className="tab" activeProps={active} activeOptions={{ exact: true }}>
        Alerts
      </Link>
      <Link to="/alerts/silences" className="tab" activeProps={active}>
        Silences
      </Link>
      <Link to="/alerts/heartbeats" className="tab" activeProps={active}>
        Heartbeats
      </Link>
      {roleAtLeast(me.role, "manager") ? (
        <Link to="/alerts/integrations" className="tab" activeProps={active}>
          Integrations
        </Link>
      ) : null}
    </nav>
  );
}
