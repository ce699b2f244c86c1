import { Link } from "@tanstack/react-router";
import { PmStatusBadge } from "./StatusBadge.tsx";
import type { ActionItemView } from "./types.ts";

/** Action items as a table: on a postmortem (with edit buttons) and on the cross-postmortem list. */
export function ActionItemsTable(props: {
  items: ActionItemView[];
  showIncident: boolean;
  onEdit?: (id: string) => void;
  onDelete?: (id: string) => void;
}) {
  return (
    <div className="table-wrap">
      <table className="pm-items-table">
        <thead>
          <tr>
            <th scope="col">Action item</th>
            {props.showIncident ? <th scope="col">Incident</th> : null}
            <th scope="col">Owner</th>
            <th scope="col">Team</th>
            <th scope="col">Due</th>
            <th scope="col">Priority</th>
            <th scope="col">Status</th>
            {props.onEdit || props.onDelete ? (
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {props.items.map((i) => (
            <tr key={i.id} data-action-item={i.title} className={i.overdue ? "pm-overdue" : undefined}>
              <td>
                {i.title}
                {i.externalUrl ? (
                  <>
                    {" "}
                    <a
                      href={i.externalUrl}
                      target="_blank"
                      rel="noopener noreferrer nofollow"
                      className="small"
                    >
                      tracker ↗
                    </a>
                  </>
                ) : null}
              </td>
              {props.showIncident ? (
                <td>
                  <Link to="/postmortems/$id" params={{ id: i.postmortemId }} title={i.incidentTitle}>
                    #{i.incidentNumber}
                  </Link>{" "}
                  <span className="muted small">{i.incidentTitle}</span>
                </td>
              ) : null}
              <td>{i.owner ? i.owner.displayName : <span className="pm-missing">no owner</span>}</td>
              <td>{i.team ?? "—"}</td>
              <td className="nowrap">
                {i.dueDate ?? <span className="pm-missing">no due date</span>}
                {i.overdue ? <span className="badge badge-danger pm-overdue-badge">overdue</span> : null}
              </td>
              <td>{i.priority}</td>
              <td>
                <PmStatusBadge status={i.status} />
              </td>
              {props.onEdit || props.onDelete ? (
                <td className="nowrap">
                  {props.onEdit ? (
                    <button
                      type="button"
                      className="button button-small"
                      onClick={() => props.onEdit?.(i.id)}
                      aria-label={`Edit action item ${i.title}`}
                    >
                      Edit
                    </button>
                  ) : null}{" "}
                  {props.onDelete ? (
                    <button
                      type="button"
                      className="button button-small button-ghost"
                      onClick={() => props.onDelete?.(i.id)}
                      aria-label={`Delete action item ${i.title}`}
                    >
                      Delete
                    </button>
                  ) : null}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
