import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useParams } from "@tanstack/react-router";
import { useMemo, useState } from "react";
import { formatInstant } from "../../lib/format.ts";
import { useMe } from "../../lib/session.ts";
import { roleAtLeast } from "../../lib/types.ts";
import { PageHeader, Panel, QueryState } from "../../ui/Page.tsx";
import { ProblemMessage } from "../../ui/ProblemMessage.tsx";
import { FeedPanel } from "./FeedPanel.tsx";
import { OverrideForm } from "./OverrideForm.tsx";
import { createOverride, deleteOverride, overridesQuery, scheduleQuery, shiftsQuery } from "./queries.ts";
import { Timeline } from "./Timeline.tsx";
import { layerRows, timelineRows, timelineWindow } from "./timeline.ts";
import "./oncall.css";

/** One schedule: who is on call now, two weeks on a timeline, overrides, and its calendar feed. */
export function SchedulePage() {
  const { name } = useParams({ from: "/signed-in/oncall/schedules/$name" });
  const me = useMe();
  const [now] = useState(() => new Date());
  const { from, to } = useMemo(() => timelineWindow(now), [now]);
  const schedule = useQuery(scheduleQuery(name));
  const shifts = useQuery(shiftsQuery(name, from.toISOString(), to.toISOString()));
  const overrides = useQuery(overridesQuery(name, from.toISOString(), to.toISOString()));
  const queryClient = useQueryClient();
  const onChanged = () => queryClient.invalidateQueries({ queryKey: ["oncall"] });
  const take = useMutation({
    mutationFn: (s: { start: string; end: string }) => createOverride(name, s),
    onSuccess: onChanged,
  });
  const remove = useMutation({ mutationFn: (id: string) => deleteOverride(name, id), onSuccess: onChanged });
  const s = schedule.data;
  const layers = useMemo(() => (s ? layerRows(s.spec, from, to) : []), [s, from, to]);
  const users = s?.participants.map((p) => p.name) ?? [];
  const upcoming = (shifts.data?.shifts ?? []).filter((x) => Date.parse(x.end) > now.getTime());
  const canRespond = roleAtLeast(me.role, "responder");
  return (
    <>
      <PageHeader
        title={name}
        description={
          <Link to="/oncall" className="breadcrumb">
            On-call schedules
          </Link>
        }
      />
      <QueryState isPending={schedule.isPending} error={schedule.error}>
        {s ? (
          <>
            <Panel title="On call now">
              <p className="oncall-now-big" data-oncall-now={s.onCallNow ?? ""}>
                {s.onCallNow ?? "Nobody"}
              </p>
              <p className="muted small">
                Team {s.team ?? "—"} · times of the layers in {s.spec.timeZone} · the timeline in your
                browser's zone.
              </p>
            </Panel>
            <Panel title="Next two weeks">
              <QueryState
                isPending={shifts.isPending || overrides.isPending}
                error={shifts.error ?? overrides.error}
              >
                <Timeline
                  rows={timelineRows(layers, overrides.data?.items ?? [], shifts.data?.shifts ?? [])}
                  from={from}
                  to={to}
                  now={now}
                  users={users}
                />
              </QueryState>
            </Panel>
            <Panel title="Layers">
              <ul className="shift-list">
                {s.spec.layers.map((l) => (
                  <li key={l.name}>
                    <strong>{l.name}</strong> every {l.rotation.every} from {l.start}:{" "}
                    {l.participants.join(", ")}
                    {l.restrictions ? <span className="muted small">(restricted windows)</span> : null}
                  </li>
                ))}
              </ul>
            </Panel>
            <Panel title="Shifts">
              <ProblemMessage error={take.error} />
              <ul className="shift-list">
                {upcoming.map((x) => (
                  <li key={x.start} data-user={x.user}>
                    <strong>{x.user}</strong> {formatInstant(x.start)} – {formatInstant(x.end)}
                    {canRespond && x.user !== me.name ? (
                      <button
                        type="button"
                        className="button button-small"
                        disabled={take.isPending}
                        onClick={() =>
                          take.mutate({
                            start: new Date(Math.max(Date.parse(x.start), Date.now())).toISOString(),
                            end: x.end,
                          })
                        }
                      >
                        Take this shift
                      </button>
                    ) : null}
                  </li>
                ))}
              </ul>
            </Panel>
            <Panel title="Overrides">
              <ProblemMessage error={remove.error} />
              {overrides.data?.items.length === 0 ? (
                <p className="empty">No overrides in these two weeks.</p>
              ) : null}
              <ul className="override-list">
                {overrides.data?.items.map((o) => (
                  <li key={o.id ?? `${o.user}-${o.start}`} data-source={o.source}>
                    <strong>{o.user}</strong> {formatInstant(o.start)} – {formatInstant(o.end)}
                    <span className="muted small">
                      {" "}
                      {o.source === "spec" ? "from the spec" : `by ${o.createdBy}`}
                      {o.reason ? `: ${o.reason}` : ""}
                    </span>
                    {o.id && canRespond ? (
                      <button
                        type="button"
                        className="button button-small button-danger"
                        disabled={remove.isPending}
                        onClick={() => o.id && remove.mutate(o.id)}
                      >
                        Delete
                      </button>
                    ) : null}
                  </li>
                ))}
              </ul>
            </Panel>
            {canRespond ? <OverrideForm schedule={name} users={users} /> : null}
            {roleAtLeast(me.role, "manager") ? (
              <FeedPanel schedule={name} feedCreatedAt={s.feedCreatedAt} />
            ) : null}
          </>
        ) : null}
      </QueryState>
    </>
  );
}
