import { useQuery } from "@tanstack/react-query";
import { useNavigate, useSearch } from "@tanstack/react-router";
import type { FormEvent } from "react";
import { formatInstant } from "../../lib/format.ts";
import { formText, TextField } from "../../ui/Field.tsx";
import { EmptyState, PageHeader, Panel, QueryState } from "../../ui/Page.tsx";
import { logQuery } from "./queries.ts";
import { parseLogSearch } from "./search.ts";
import { type MessageState, messageStates } from "./types.ts";
import "./notify.css";

const stateBadge: Record<MessageState, string> = {
  pending: "badge",
  sending: "badge badge-warn",
  sent: "badge badge-ok",
  failed: "badge badge-danger",
};

/** Every notification opsdeck planned, newest first, with its delivery state and last error (managers). */
export function NotificationLogPage() {
  const search = useSearch({ from: "/signed-in/admin/notifications" });
  const navigate = useNavigate();
  const log = useQuery(logQuery(search));
  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    void navigate({
      to: "/admin/notifications",
      search: parseLogSearch({
        subject: formText(data, "subject"),
        user: formText(data, "user"),
        state: formText(data, "state"),
      }),
    });
  };
  return (
    <>
      <PageHeader
        title="Notification log"
        description="Every e-mail, Slack message and webhook opsdeck sent or tried to send, newest first."
      />
      <form key={JSON.stringify(search)} onSubmit={apply} className="filter-bar" aria-label="Log filters">
        <TextField
          label="Subject"
          name="subject"
          defaultValue={search.subject ?? ""}
          placeholder="incident:…"
        />
        <TextField label="User" name="user" defaultValue={search.user ?? ""} />
        <div className="field">
          <label htmlFor="log-state">State</label>
          <select id="log-state" name="state" defaultValue={search.state ?? ""}>
            <option value="">Any state</option>
            {messageStates.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
        <div className="filter-actions">
          <button type="submit" className="button button-primary">
            Apply
          </button>
        </div>
      </form>
      <Panel title="Notifications">
        <QueryState isPending={log.isPending} error={log.error}>
          {log.data?.items.length === 0 ? (
            <EmptyState>No notifications match.</EmptyState>
          ) : (
            <div className="table-wrap">
              <table className="log-table">
                <thead>
                  <tr>
                    <th scope="col">Created</th>
                    <th scope="col">State</th>
                    <th scope="col">User</th>
                    <th scope="col">Channel</th>
                    <th scope="col">Title</th>
                    <th scope="col">Subject</th>
                    <th scope="col">Attempts</th>
                    <th scope="col">Last error</th>
                  </tr>
                </thead>
                <tbody>
                  {log.data?.items.map((m) => (
                    <tr key={m.id} data-message={m.id} data-state={m.state}>
                      <td className="nowrap small">{formatInstant(m.createdAt)}</td>
                      <td>
                        <span className={stateBadge[m.state]}>{m.state}</span>
                        {m.sentAt ? <div className="muted small">{formatInstant(m.sentAt)}</div> : null}
                      </td>
                      <td>{m.user}</td>
                      <td>{m.channel}</td>
                      <td>{m.title}</td>
                      <td className="mono small wrap-anywhere">{m.subject}</td>
                      <td>{m.attempts}</td>
                      <td className="small wrap-anywhere log-error">{m.lastError ?? "—"}</td>
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
