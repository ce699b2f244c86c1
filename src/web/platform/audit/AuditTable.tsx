import { Fragment, useState } from "react";
import { formatInstant } from "../../lib/format.ts";
import type { AuditEntry } from "../../lib/types.ts";

const columns = 6;

function hasChange(entry: AuditEntry): boolean {
  return entry.before != null || entry.after != null;
}

/** before/after are whatever the record looked like; shown full width under the row, when asked for. */
function ChangeRow({ entry }: { entry: AuditEntry }) {
  return (
    <tr className="change-row">
      <td colSpan={columns}>
        <div className="diff">
          <div>
            <h3>Before</h3>
            {entry.before == null ? (
              <p className="muted">—</p>
            ) : (
              <pre>{JSON.stringify(entry.before, null, 2)}</pre>
            )}
          </div>
          <div>
            <h3>After</h3>
            {entry.after == null ? (
              <p className="muted">—</p>
            ) : (
              <pre>{JSON.stringify(entry.after, null, 2)}</pre>
            )}
          </div>
        </div>
      </td>
    </tr>
  );
}

export function AuditTable({ entries }: { entries: AuditEntry[] }) {
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = (id: string) =>
    setOpen((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  return (
    <div className="table-wrap">
      <table className="audit-table">
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Actor</th>
            <th scope="col">Action</th>
            <th scope="col">Entity</th>
            <th scope="col">Request id</th>
            <th scope="col">
              <span className="visually-hidden">Change</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <Fragment key={e.id}>
              <tr>
                <td className="nowrap">
                  <time dateTime={e.at}>{formatInstant(e.at)}</time>
                </td>
                <td>
                  {e.actor.label}
                  {e.actor.type === "user" ? null : <span className="badge">{e.actor.type}</span>}
                </td>
                <td>
                  <code>{e.action}</code>
                </td>
                <td>
                  <span className="muted">{e.entityType}</span>{" "}
                  <span className="mono wrap-anywhere">{e.entityId}</span>
                </td>
                <td className="mono small wrap-anywhere">{e.requestId ?? "—"}</td>
                <td className="actions">
                  {hasChange(e) ? (
                    <button
                      type="button"
                      className="button button-small"
                      aria-expanded={open.has(e.id)}
                      onClick={() => toggle(e.id)}
                    >
                      {open.has(e.id) ? "Hide change" : "Show change"}
                    </button>
                  ) : null}
                </td>
              </tr>
              {open.has(e.id) ? <ChangeRow entry={e} /> : null}
            </Fragment>
          ))}
        </tbody>
      </table>
    </div>
  );
}
