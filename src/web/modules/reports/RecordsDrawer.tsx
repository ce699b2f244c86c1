import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { useEffect, useRef } from "react";
import { QueryState } from "../../ui/Page.tsx";
import { incidentRecordsQuery } from "./queries.ts";
import type { KpiGroup, KpiView } from "./types.ts";

export interface RecordsSelection {
  kpi: KpiView;
  group: KpiGroup;
}

const typeLabels: Record<KpiView["recordType"], string> = {
  incident: "incidents",
  alert: "alerts",
  message: "notification messages",
  "action-item": "action items",
  postmortem: "postmortems",
  slo: "SLOs",
};

/** The records behind one number: incidents link to their pages, other records show their ids. */
export function RecordsDrawer({ selection, onClose }: { selection: RecordsSelection; onClose: () => void }) {
  const { kpi, group } = selection;
  const close = useRef<HTMLButtonElement>(null);
  // Keyboard users land in the drawer; Escape closes it.
  useEffect(() => {
    close.current?.focus();
  }, []);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && onClose();
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onClose]);
  return (
    <aside className="records-drawer" role="dialog" aria-label="Records behind the number">
      <header>
        <h2>
          {kpi.name} · {group.key}
        </h2>
        <button ref={close} type="button" className="button button-ghost button-small" onClick={onClose}>
          Close
        </button>
      </header>
      <p className="muted small">{kpi.definition}</p>
      <p className="small">
        {group.recordIds.length} {typeLabels[kpi.recordType]}
        {group.recordIdsTruncated ? ` (the first ${group.recordIds.length}; the list is capped)` : ""}
      </p>
      {kpi.recordType === "incident" ? (
        <IncidentRecords ids={group.recordIds} />
      ) : (
        <ul className="record-list">
          {group.recordIds.map((id) => (
            <li key={id} className="mono small">
              {kpi.recordType === "slo" ? <a href={`/slos/${encodeURIComponent(id)}`}>{id}</a> : id}
            </li>
          ))}
        </ul>
      )}
      {kpi.recordType === "message" ? (
        <p className="small">
          <Link to="/admin/notifications">Open the notification log</Link>
        </p>
      ) : null}
      {kpi.recordType === "alert" ? (
        <p className="small">
          <Link to="/alerts">Open the alert list</Link>
        </p>
      ) : null}
    </aside>
  );
}

/** Incidents as people name them: number, title, severity, each linking to its page. */
function IncidentRecords({ ids }: { ids: string[] }) {
  const records = useQuery(incidentRecordsQuery(ids));
  return (
    <QueryState isPending={records.isPending} error={records.error}>
      <ul className="record-list">
        {records.data?.items.map((r) => (
          <li key={r.id} className="small">
            <Link to="/incidents/$ref" params={{ ref: String(r.number) }}>
              #{r.number} {r.title}
            </Link>{" "}
            <span className="muted">
              {r.severity} · {r.status} · {r.createdAt.slice(0, 16).replace("T", " ")}
            </span>
          </li>
        ))}
      </ul>
    </QueryState>
  );
}
