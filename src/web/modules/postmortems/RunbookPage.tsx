import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { getRouteApi, Link } from "@tanstack/react-router";
import { useState } from "react";
import { formatInstant } from "../../lib/format.ts";
import { useMe } from "../../lib/session.ts";
import { roleAtLeast } from "../../lib/types.ts";
import { PageHeader, Panel, QueryState } from "../../ui/Page.tsx";
import { Markdown } from "./Markdown.tsx";
import { runbookQuery, updateRunbook } from "./queries.ts";
import { RunbookEditor } from "./RunbookEditor.tsx";
import { RunbookHistory } from "./RunbookHistory.tsx";
import "./postmortems.css";

const route = getRouteApi("/signed-in/postmortems/runbooks/$name");

/** A runbook: rendered, editable (each saved change is a version), with its history and diffs. */
export function RunbookPage() {
  const { name } = route.useParams();
  const me = useMe();
  const queryClient = useQueryClient();
  const runbook = useQuery(runbookQuery(name));
  const [editing, setEditing] = useState(false);
  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) => updateRunbook(name, body),
    onSuccess: async (updated) => {
      queryClient.setQueryData(["runbooks", name], updated);
      await queryClient.invalidateQueries({ queryKey: ["runbooks", name, "versions"] });
      await queryClient.invalidateQueries({ queryKey: ["runbooks", "list"] });
      setEditing(false);
    },
  });
  const rb = runbook.data;
  return (
    <>
      <p className="breadcrumb">
        <Link to="/postmortems/runbooks">Runbooks</Link> / <span className="mono">{name}</span>
      </p>
      <QueryState isPending={runbook.isPending} error={runbook.error}>
        {rb ? (
          <>
            <PageHeader
              title={rb.title}
              description={
                <span className="pm-headline">
                  <span className="badge">v{rb.version}</span>
                  <span className="muted">
                    last changed {formatInstant(rb.updatedAt)} by {rb.author}
                  </span>
                </span>
              }
              actions={
                roleAtLeast(me.role, "responder") && !editing ? (
                  <button type="button" className="button" onClick={() => setEditing(true)}>
                    Edit
                  </button>
                ) : null
              }
            />
            {editing ? (
              <Panel title="Edit runbook">
                <RunbookEditor
                  runbook={rb}
                  error={save.error}
                  pending={save.isPending}
                  onSubmit={({ name: _n, message, ...input }) =>
                    save.mutate({ ...input, ...(message ? { message } : {}) })
                  }
                  onCancel={() => {
                    setEditing(false);
                    save.reset();
                  }}
                />
              </Panel>
            ) : (
              <div className="pm-layout">
                <div className="pm-main">
                  <Panel className="rb-body">
                    <Markdown text={rb.body} />
                  </Panel>
                  <RunbookHistory name={name} current={rb.version} />
                </div>
                <aside className="pm-side">
                  <Panel title="Shown for">
                    <dl className="details">
                      <dt>Services</dt>
                      <dd>
                        {rb.services.length === 0
                          ? "—"
                          : rb.services.map((s) => (
                              <Link
                                key={s}
                                to="/catalog/$kind/$name"
                                params={{ kind: "service", name: s }}
                                className="chip"
                              >
                                {s}
                              </Link>
                            ))}
                      </dd>
                      <dt>Alerts</dt>
                      <dd className="mono small">
                        {rb.match.length === 0 ? "—" : rb.match.map((m) => <div key={m}>{m}</div>)}
                      </dd>
                    </dl>
                  </Panel>
                </aside>
              </div>
            )}
          </>
        ) : null}
      </QueryState>
    </>
  );
}
