import { useQuery } from "@tanstack/react-query";
import { getRouteApi, Link } from "@tanstack/react-router";
import { PageHeader, Panel, QueryState } from "../../ui/Page.tsx";
import { ServiceOnCall } from "../oncall/ServiceOnCall.tsx";
import { KindBadge } from "./bits.tsx";
import { EntityDetails, EntityLinks, UnresolvedPanel } from "./EntityDetails.tsx";
import { entityQuery } from "./queries.ts";
import { RelationsPanel } from "./RelationsPanel.tsx";
import { ScorecardPanel } from "./ScorecardPanel.tsx";
import { isCatalogKind, kindLabels } from "./types.ts";
import "./catalog.css";
import "./entity.css";

const route = getRouteApi("/signed-in/catalog/$kind/$name");

/** The service page: everything an on-call engineer needs to know about one entity. */
export function EntityPage() {
  const { kind, name } = route.useParams();
  const { depth = 1 } = route.useSearch();
  const entity = useQuery(entityQuery(kind, name));
  const e = entity.data;
  const kindLabel = isCatalogKind(kind) ? kindLabels[kind].many : kind;
  return (
    <>
      <p className="breadcrumb">
        <Link to="/catalog" search={{ kind: isCatalogKind(kind) && kind !== "service" ? kind : undefined }}>
          Catalog · {kindLabel}
        </Link>{" "}
        / <span className="mono">{name}</span>
      </p>
      <QueryState isPending={entity.isPending} error={entity.error}>
        {e ? (
          <>
            <PageHeader
              title={e.displayName}
              description={
                <>
                  <KindBadge kind={e.kind} /> <span className="mono">{e.ref}</span>
                  {e.description ? <span className="entity-description">{e.description}</span> : null}
                </>
              }
              actions={
                <Link
                  to="/catalog/graph"
                  search={{ root: `${e.kind}:${e.name}`, depth: 2 }}
                  className="button button-primary"
                >
                  Dependency graph
                </Link>
              }
            />
            <div className="entity-grid">
              <EntityDetails entity={e} />
              {e.scorecard ? (
                <ScorecardPanel scorecard={e.scorecard} />
              ) : (
                <Panel title="Readiness">
                  <p className="muted">No readiness check applies to a {e.kind}.</p>
                </Panel>
              )}
            </div>
            {e.kind === "service" ? <ServiceOnCall service={e.name} /> : null}
            <EntityLinks entity={e} />
            <UnresolvedPanel unresolved={e.unresolved} />
            <RelationsPanel entity={e} depth={depth} />
          </>
        ) : null}
      </QueryState>
    </>
  );
}
