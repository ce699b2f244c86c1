import { useQuery } from "@tanstack/react-query";
import { getRouteApi, Link } from "@tanstack/react-router";
import { useMe } from "../../lib/session.ts";
import { roleAtLeast } from "../../lib/types.ts";
import { PageHeader, Panel, QueryState } from "../../ui/Page.tsx";
import { IncidentFollowUp } from "../postmortems/IncidentFollowUp.tsx";
import { SeverityBadge, StatusBadge } from "./badges.tsx";
import { Composer } from "./Composer.tsx";
import { ago } from "./format.ts";
import { IncidentActions } from "./IncidentActions.tsx";
import { IncidentAlerts } from "./IncidentAlerts.tsx";
import { IncidentDetails, RunbooksPanel } from "./IncidentDetails.tsx";
import { LiveBadge } from "./LiveBadge.tsx";
import { MergePanel } from "./MergePanel.tsx";
import { incidentQuery } from "./queries.ts";
import { RolesPanel } from "./RolesPanel.tsx";
import { Timeline } from "./Timeline.tsx";
import { useIncidentStream } from "./useIncidentStream.ts";
import "./incidents.css";
import "./incident-page.css";
import "./timeline.css";

const route = getRouteApi("/signed-in/incidents/$ref");

/** The incident room: state and actions on top, the story in the middle, who and where on the side. */
export function IncidentPage() {
  const { ref } = route.useParams();
  const me = useMe();
  const canRespond = roleAtLeast(me.role, "responder");
  const incident = useQuery(incidentQuery(ref));
  const live = useIncidentStream(ref);
  const i = incident.data;
  return (
    <>
      <p className="breadcrumb">
        <Link to="/incidents" search={{}}>
          Incidents
        </Link>{" "}
        / <span className="mono">#{i?.number ?? ref}</span>
      </p>
      <QueryState isPending={incident.isPending} error={incident.error}>
        {i ? (
          <>
            <PageHeader
              title={i.title}
              description={
                <span className="incident-headline">
                  <span className="incident-number mono">#{i.number}</span>
                  <SeverityBadge severity={i.severity} />
                  <StatusBadge status={i.status} />
                  <span className="muted">opened {ago(i.createdAt)}</span>
                  <LiveBadge state={live} />
                </span>
              }
              actions={<IncidentActions incident={i} canRespond={canRespond} refKey={ref} />}
            />
            {i.mergedInto ? (
              <div className="notice notice-warn" role="status">
                This incident was merged into{" "}
                <Link to="/incidents/$ref" params={{ ref: String(i.mergedInto.number) }}>
                  #{i.mergedInto.number}
                </Link>
                ; follow it there.
              </div>
            ) : null}
            <div className="incident-layout">
              <div className="incident-main">
                {i.summary ? (
                  <Panel title="Summary">
                    <p className="incident-summary">{i.summary}</p>
                  </Panel>
                ) : null}
                <IncidentAlerts refKey={ref} count={i.alertCount} manual={i.source === "manual"} />
                <Timeline
                  refKey={ref}
                  composer={canRespond && !i.mergedInto ? <Composer incident={i} refKey={ref} /> : null}
                />
              </div>
              <aside className="incident-side" aria-label="Incident facts">
                <IncidentDetails incident={i} />
                <RolesPanel incident={i} canEdit={canRespond && !i.mergedInto} refKey={ref} />
                <RunbooksPanel runbooks={i.runbooks} />
                <IncidentFollowUp incidentRef={ref} resolved={i.status === "resolved"} />
                {canRespond && !i.mergedInto ? <MergePanel incident={i} refKey={ref} /> : null}
              </aside>
            </div>
          </>
        ) : null}
      </QueryState>
    </>
  );
}
