import { Link } from "@tanstack/react-router";
import { EntityLink, OwnerLink, TierBadge } from "./bits.tsx";
import { formatDuration } from "./format.ts";
import { hasTier } from "./search.ts";
import type { CatalogKind, EntitySummary } from "./types.ts";

/** One page of entities. Services show what matters in an incident: tier, owner, RTO and RPO. */
export function CatalogTable(props: { kind: CatalogKind; items: EntitySummary[]; busy: boolean }) {
  const critical = hasTier(props.kind);
  return (
    <div className="table-wrap">
      <table className="catalog-table" aria-busy={props.busy || undefined}>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Owner</th>
            {critical ? <th scope="col">Tier</th> : <th scope="col">Type</th>}
            <th scope="col">Lifecycle</th>
            <th scope="col">System</th>
            {critical ? (
              <>
                <th scope="col">RTO</th>
                <th scope="col">RPO</th>
              </>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {props.items.map((e) => (
            <tr key={e.ref}>
              <td>
                <Link
                  to="/catalog/$kind/$name"
                  params={{ kind: e.kind, name: e.name }}
                  className="entity-name"
                >
                  {e.displayName}
                </Link>
                {e.displayName !== e.name ? <span className="mono muted small"> {e.name}</span> : null}
                {e.description ? <p className="row-description muted small">{e.description}</p> : null}
              </td>
              <td>
                <OwnerLink owner={e.owner} />
              </td>
              <td className="nowrap">{critical ? <TierBadge tier={e.tier} /> : (e.type ?? "—")}</td>
              <td>{e.lifecycle ?? <span className="muted">—</span>}</td>
              <td>
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
              </td>
              {critical ? (
                <>
                  <td className="nowrap" title={e.rto?.iso}>
                    {formatDuration(e.rto)}
                  </td>
                  <td className="nowrap" title={e.rpo?.iso}>
                    {formatDuration(e.rpo)}
                  </td>
                </>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
