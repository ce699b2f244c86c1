import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { formatInstant } from "../../lib/format.ts";
import { EmptyState, Panel, QueryState } from "../../ui/Page.tsx";
import { actorName } from "./format.ts";
import { timelineQuery } from "./queries.ts";
import { entryTime, inOrder, lookOf } from "./timeline-kinds.ts";
import type { TimelineEntry } from "./types.ts";

function Entry({ entry }: { entry: TimelineEntry }) {
  const look = lookOf(entry.kind);
  const actor = actorName(entry.actor);
  const statusChange = typeof entry.data.status === "string" ? entry.data.status : undefined;
  return (
    <li className={`timeline-entry tone-${look.tone}`} data-kind={entry.kind}>
      <span className="timeline-marker" aria-hidden="true" />
      <div className="timeline-body">
        <div className="timeline-meta">
          <span className="timeline-kind">{look.label}</span>
          <span className="timeline-actor">
            {actor.integration ? <span className="muted">via </span> : null}
            <span className={actor.integration ? "mono" : undefined}>{actor.name}</span>
          </span>
          <time dateTime={entry.at} title={formatInstant(entry.at)} className="timeline-time">
            {entryTime(entry.at)}
          </time>
        </div>
        {look.message ? (
          <div className={`timeline-message${entry.kind === "status_update" ? " status-update" : ""}`}>
            {entry.text}
            {statusChange ? <span className="muted small block">Status set to {statusChange}</span> : null}
          </div>
        ) : (
          <p className="timeline-text">{entry.text}</p>
        )}
      </div>
    </li>
  );
}

/** Alert events, state changes, notes, status updates and notifications, in the order they happened. */
export function Timeline({ refKey, composer }: { refKey: string; composer: ReactNode }) {
  const timeline = useQuery(timelineQuery(refKey));
  const entries = inOrder(timeline.data?.items ?? []);
  return (
    <Panel title="Timeline" className="timeline-panel">
      <QueryState isPending={timeline.isPending} error={timeline.error}>
        {entries.length === 0 ? (
          <EmptyState>Nothing has happened yet.</EmptyState>
        ) : (
          <ol className="timeline" aria-label="Timeline entries">
            {entries.map((e) => (
              <Entry key={e.id} entry={e} />
            ))}
          </ol>
        )}
      </QueryState>
      {composer}
    </Panel>
  );
}
