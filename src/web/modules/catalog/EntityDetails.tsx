import { EmptyState, Panel } from "../../ui/Page.tsx";
import { EntityLink, OwnerLink, TierBadge } from "./bits.tsx";
import { formatDuration } from "./format.ts";
import type { EntityDetail } from "./types.ts";

function Duration({ value }: { value: EntityDetail["rto"] }) {
  if (!value) return <span className="muted">not set</span>;
  return (
    <>
      {formatDuration(value)} <span className="mono muted small">{value.iso}</span>
    </>
  );
}

/** Owner, tier, recovery objectives and the rest of the summary. */
export function EntityDetails({ entity: e }: { entity: EntityDetail }) {
  const labels = Object.entries(e.labels);
  return (
    <Panel title="Details">
      <dl className="details">
        <dt>Owner</dt>
        <dd>
          <OwnerLink owner={e.owner} />
        </dd>
        {e.kind === "service" || e.kind === "component" ? (
          <>
            <dt>Tier</dt>
            <dd>
              <TierBadge tier={e.tier} />
            </dd>
            <dt>RTO</dt>
            <dd>
              <Duration value={e.rto} />
            </dd>
            <dt>RPO</dt>
            <dd>
              <Duration value={e.rpo} />
            </dd>
          </>
        ) : null}
        <dt>Lifecycle</dt>
        <dd>{e.lifecycle ?? <span className="muted">—</span>}</dd>
        <dt>Type</dt>
        <dd>{e.type ?? <span className="muted">—</span>}</dd>
        <dt>System</dt>
        <dd>
          {e.system ? (
            <EntityLink
              kind="system"
              name={e.system.name}
              resolved={e.system.resolved}
              label={e.system.displayName ?? e.system.name}
            />
          ) : (
            <span className="muted">—</span>
          )}
        </dd>
        <dt>Labels</dt>
        <dd>
          {labels.length === 0 ? <span className="muted">—</span> : null}
          {labels.map(([k, v]) => (
            <span key={k} className="tag mono">
              {k}={v}
            </span>
          ))}
        </dd>
        {e.tags.length > 0 ? (
          <>
            <dt>Tags</dt>
            <dd>
              {e.tags.map((t) => (
                <span key={t} className="tag">
                  {t}
                </span>
              ))}
            </dd>
          </>
        ) : null}
      </dl>
    </Panel>
  );
}

function LinkList({ links }: { links: EntityDetail["links"] }) {
  return (
    <ul className="link-list">
      {links.map((l) => (
        <li key={l.url}>
          {/* Links point outside opsdeck; noreferrer keeps opsdeck URLs out of other sites' logs. */}
          <a href={l.url} target="_blank" rel="noreferrer">
            {l.title ?? l.url}
          </a>
          {l.title ? <span className="muted small wrap-anywhere"> {l.url}</span> : null}
        </li>
      ))}
    </ul>
  );
}

export function EntityLinks({ entity: e }: { entity: EntityDetail }) {
  const hasRunbooks = e.kind === "service" || e.kind === "resource" || e.runbooks.length > 0;
  return (
    <div className="entity-grid">
      {hasRunbooks ? (
        <Panel title="Runbooks">
          {e.runbooks.length === 0 ? (
            <EmptyState>No runbook yet: responders will have to improvise.</EmptyState>
          ) : (
            <LinkList links={e.runbooks} />
          )}
        </Panel>
      ) : null}
      <Panel title="Links">
        {e.links.length === 0 ? <EmptyState>No links.</EmptyState> : <LinkList links={e.links} />}
      </Panel>
    </div>
  );
}

/** References the server kept although their target does not exist (yet): a typo or a missing manifest. */
export function UnresolvedPanel({ unresolved }: { unresolved: EntityDetail["unresolved"] }) {
  if (unresolved.length === 0) return null;
  return (
    <Panel title="Unresolved references" className="panel-warn">
      <p className="muted small">
        Kept as written; each resolves by itself once the entity it names is in the catalog.
      </p>
      <ul className="unresolved-list">
        {unresolved.map((u) => (
          <li key={`${u.field}-${u.ref}`}>
            <span className="mono">{u.ref}</span> <span className="muted">in {u.field}:</span> {u.reason}
          </li>
        ))}
      </ul>
    </Panel>
  );
}
