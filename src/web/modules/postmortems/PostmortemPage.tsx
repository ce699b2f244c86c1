import { useQuery } from "@tanstack/react-query";
import { getRouteApi, Link } from "@tanstack/react-router";
import { formatInstant } from "../../lib/format.ts";
import { useMe } from "../../lib/session.ts";
import { roleAtLeast } from "../../lib/types.ts";
import { PageHeader, Panel, QueryState } from "../../ui/Page.tsx";
import { ActionItemsEditor } from "./ActionItemsEditor.tsx";
import { postmortemQuery } from "./queries.ts";
import { ReviewersPanel } from "./ReviewersPanel.tsx";
import { SectionEditor } from "./SectionEditor.tsx";
import { StateBar } from "./StateBar.tsx";
import { PmStatusBadge } from "./StatusBadge.tsx";
import type { PostmortemDetail } from "./types.ts";
import "./postmortems.css";

const route = getRouteApi("/signed-in/postmortems/$id");

/** The postmortem editor: sections as Markdown, action items, reviewers and the draft -> published flow. */
export function PostmortemPage() {
  const { id } = route.useParams();
  const me = useMe();
  const pm = useQuery(postmortemQuery(id));
  const p = pm.data;
  const canEdit = roleAtLeast(me.role, "responder") && p?.status !== "published";
  return (
    <>
      <p className="breadcrumb">
        <Link to="/postmortems">Postmortems</Link> /{" "}
        <span className="mono">{p ? `#${p.incidentNumber}` : id}</span>
      </p>
      <QueryState isPending={pm.isPending} error={pm.error}>
        {p ? (
          <>
            <PageHeader
              title={p.title}
              description={
                <span className="pm-headline">
                  <PmStatusBadge status={p.status} />
                  <span>
                    Incident{" "}
                    <Link to="/incidents/$ref" params={{ ref: String(p.incidentNumber) }}>
                      #{p.incidentNumber} {p.incidentTitle}
                    </Link>
                  </span>
                  {p.publishedAt ? (
                    <span className="muted">
                      published {formatInstant(p.publishedAt)} by {p.publishedBy}
                    </span>
                  ) : (
                    <span className="muted">started by {p.createdBy}</span>
                  )}
                </span>
              }
            />
            <StateBar postmortem={p} />
            <div className="pm-layout">
              <div className="pm-main">
                {p.sectionOrder.map((s) => (
                  <SectionEditor
                    key={s.key}
                    postmortemId={p.id}
                    sectionKey={s.key}
                    title={s.title}
                    text={p.sections[s.key as keyof PostmortemDetail["sections"]]}
                    canEdit={canEdit}
                  />
                ))}
                <ActionItemsEditor postmortem={p} canEdit={roleAtLeast(me.role, "responder")} />
              </div>
              <aside className="pm-side" aria-label="Review">
                <ReviewersPanel postmortem={p} me={me} />
                <Panel title="History">
                  <dl className="details">
                    <dt>Started</dt>
                    <dd>{formatInstant(p.createdAt)}</dd>
                    <dt>Submitted</dt>
                    <dd>{formatInstant(p.submittedAt)}</dd>
                    <dt>Published</dt>
                    <dd>{formatInstant(p.publishedAt)}</dd>
                  </dl>
                </Panel>
              </aside>
            </div>
          </>
        ) : null}
      </QueryState>
    </>
  );
}
