import { Link } from "@tanstack/react-router";
import { formatInstant } from "../../lib/format.ts";
import { EmptyState, Panel } from "../../ui/Page.tsx";
import { SeverityBadge, StatusBadge } from "./badges.tsx";
import { lasted } from "./format.ts";
import type { IncidentDetail } from "./types.ts";

/** An instant with how long it came after the incident opened: time to acknowledge, time to resolve. */
function Milestone({ at, opened }: { at: string | null; opened: string }) {
  if (!at) return <span className="muted">—</span>;
  return (
    <>
      {formatInstant(at)} <span className="muted small">after {lasted(opened, at)}</span>
    </>
  );
}

export function IncidentDetails({ incident: i }: { incident: IncidentDetail }) {
  return (
    <Panel title="Details">
      <dl className="details">
        <dt>Severity</dt>
        <dd>
          <SeverityBadge severity={i.severity} />
        </dd>
        <dt>Status</dt>
        <dd>
          <StatusBadge status={i.status} />
        </dd>
        <dt>Opened</dt>
        <dd>{formatInstant(i.createdAt)}</dd>
        <dt>Acknowledged</dt>
        <dd>
          <Milestone at={i.acknowledgedAt} opened={i.createdAt} />
        </dd>
        <dt>Resolved</dt>
        <dd>
          <Milestone at={i.resolvedAt} opened={i.createdAt} />
        </dd>
        <dt>Source</dt>
        <dd>{i.source === "manual" ? "Declared by a person" : "Opened by an alert"}</dd>
        <dt>Services</dt>
        <dd>
          {i.services.length === 0 ? <span className="muted">none yet</span> : null}
          {i.services.map((s, n) => (
            <span key={s}>
              {n > 0 ? ", " : null}
              <Link to="/catalog/$kind/$name" params={{ kind: "service", name: s }}>
                {s}
              </Link>
            </span>
          ))}
        </dd>
        {i.groupKey ? (
          <>
            <dt>Group</dt>
            <dd className="mono small wrap-anywhere" title="Alerts with this key join this incident">
              {i.groupKey}
            </dd>
          </>
        ) : null}
      </dl>
    </Panel>
  );
}

/** Runbooks of the affected services and of the alerts: where the on-call engineer starts reading. */
export function RunbooksPanel({ runbooks }: { runbooks: IncidentDetail["runbooks"] }) {
  return (
    <Panel title="Runbooks">
      {runbooks.length === 0 ? (
        <EmptyState>No runbook linked from the services or alerts.</EmptyState>
      ) : (
        <ul className="runbook-list">
          {runbooks.map((r) => (
            <li key={r.url}>
              {/* Links point outside opsdeck; noreferrer keeps incident URLs out of other sites' logs. */}
              <a href={r.url} target="_blank" rel="noreferrer">
                {r.title}
              </a>
              <span className="badge">{r.source === "service" ? "service" : "alert"}</span>
              <span className="muted small wrap-anywhere runbook-url">{r.url}</span>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}
