import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { Panel, QueryState } from "../../ui/Page.tsx";
import { teamSchedulesQuery } from "./queries.ts";

/** A team's schedules and who is on call now on each, for the team page. */
export function TeamOnCall(props: { team: string }) {
  const schedules = useQuery(teamSchedulesQuery(props.team));
  const items = schedules.data?.items ?? [];
  return (
    <Panel title="On call">
      <QueryState isPending={schedules.isPending} error={schedules.error}>
        {items.length === 0 ? (
          <p className="empty">This team has no on-call schedule.</p>
        ) : (
          <ul className="shift-list team-oncall">
            {items.map((s) => (
              <li key={s.id} data-schedule={s.name}>
                <Link to="/oncall/schedules/$name" params={{ name: s.name }}>
                  {s.name}
                </Link>
                : <strong className="oncall-now">{s.onCallNow ?? "nobody"}</strong>
              </li>
            ))}
          </ul>
        )}
      </QueryState>
    </Panel>
  );
}
