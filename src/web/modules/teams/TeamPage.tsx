import { useQuery } from "@tanstack/react-query";
import { getRouteApi, Link } from "@tanstack/react-router";
import { formatInstant } from "../../lib/format.ts";
import { useMe } from "../../lib/session.ts";
import { roleAtLeast } from "../../lib/types.ts";
import { PageHeader, Panel, QueryState } from "../../ui/Page.tsx";
import { TeamCatalog } from "../catalog/TeamCatalog.tsx";
import { TeamCost } from "../cost/TeamCost.tsx";
import { TeamOnCall } from "../oncall/TeamOnCall.tsx";
import { MembersPanel } from "./MembersPanel.tsx";
import { teamQuery } from "./queries.ts";

const route = getRouteApi("/signed-in/admin/teams/$name");

export function TeamPage() {
  const { name } = route.useParams();
  const me = useMe();
  const team = useQuery(teamQuery(name));
  return (
    <>
      <p className="breadcrumb">
        <Link to="/admin/teams">Teams</Link> / <span className="mono">{name}</span>
      </p>
      <QueryState isPending={team.isPending} error={team.error}>
        {team.data ? (
          <>
            <PageHeader title={team.data.displayName} description={team.data.description || undefined} />
            <Panel title="Details">
              <dl className="details">
                <dt>Name</dt>
                <dd className="mono">{team.data.name}</dd>
                <dt>Email</dt>
                <dd>{team.data.email ?? "—"}</dd>
                <dt>Parent team</dt>
                <dd>
                  {team.data.parent ? (
                    <Link to="/admin/teams/$name" params={{ name: team.data.parent }}>
                      {team.data.parent}
                    </Link>
                  ) : (
                    "—"
                  )}
                </dd>
                <dt>Updated</dt>
                <dd>{formatInstant(team.data.updatedAt)}</dd>
              </dl>
            </Panel>
            <TeamOnCall team={team.data.name} />
            <MembersPanel team={team.data} canEdit={roleAtLeast(me.role, "manager")} />
            <TeamCatalog team={team.data.name} />
            <TeamCost team={team.data.name} />
          </>
        ) : null}
      </QueryState>
    </>
  );
}
