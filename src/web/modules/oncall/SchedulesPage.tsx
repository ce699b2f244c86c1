import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { EmptyState, PageHeader, Panel, QueryState } from "../../ui/Page.tsx";
import { schedulesQuery } from "./queries.ts";
import "./oncall.css";

/** Every schedule with who holds the pager right now. */
export function SchedulesPage() {
  const schedules = useQuery(schedulesQuery);
  return (
    <>
      <PageHeader
        title="On-call"
        description="Schedules say who is on call at any instant: layers rotate, overrides win over them."
      />
      <Panel title="Schedules">
        <QueryState isPending={schedules.isPending} error={schedules.error}>
          {schedules.data?.items.length === 0 ? (
            <EmptyState>No schedules yet. Declare one with `opsdeck apply` (kind: Schedule).</EmptyState>
          ) : (
            <div className="table-wrap">
              <table className="schedule-table">
                <thead>
                  <tr>
                    <th scope="col">Schedule</th>
                    <th scope="col">Team</th>
                    <th scope="col">On call now</th>
                    <th scope="col">Time zone</th>
                    <th scope="col">Participants</th>
                  </tr>
                </thead>
                <tbody>
                  {schedules.data?.items.map((s) => (
                    <tr key={s.id} data-schedule={s.name}>
                      <td>
                        <Link to="/oncall/schedules/$name" params={{ name: s.name }}>
                          {s.name}
                        </Link>
                      </td>
                      <td>{s.team ?? "—"}</td>
                      <td className="oncall-now">
                        {s.onCallNow ?? <span className="badge badge-danger">nobody</span>}
                      </td>
                      <td className="mono small">{s.spec.timeZone}</td>
                      <td>{s.participants.map((p) => p.name).join(", ")}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </QueryState>
      </Panel>
    </>
  );
}
