import { useQuery } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { EmptyState, Panel, QueryState } from "../../ui/Page.tsx";
import { EntityLink, KindBadge } from "./bits.tsx";
import { plural } from "./format.ts";
import { walkQuery } from "./queries.ts";
import { maxWalkDepth } from "./search.ts";
import type { EntityDetail, Neighbour, Walk } from "./types.ts";

type Direction = "dependencies" | "dependents";

/** How each edge reads from this entity's side. */
const relationText: Record<Direction, Record<string, string>> = {
  dependencies: {
    dependsOn: "depends on",
    consumesApi: "consumes API",
    providedBy: "provided by",
    hasPart: "has part",
  },
  dependents: {
    dependsOn: "depends on this",
    consumesApi: "consumes this API",
    providedBy: "API provided by this",
    hasPart: "contains this",
  },
};

function RelationTable(props: { direction: Direction; walk: Walk; direct: Neighbour[] }) {
  const key = (kind: string, name: string) => `${kind}:${name.toLowerCase()}`;
  const relations = new Map<string, string[]>();
  for (const n of props.direct) {
    const k = key(n.kind, n.name);
    relations.set(k, [...(relations.get(k) ?? []), relationText[props.direction][n.relation] ?? n.relation]);
  }
  if (props.walk.items.length === 0) return <EmptyState>None.</EmptyState>;
  return (
    <div className="table-wrap">
      <table className="relations-table">
        <thead>
          <tr>
            <th scope="col">Entity</th>
            <th scope="col">Kind</th>
            <th scope="col">Depth</th>
            <th scope="col">Relation</th>
          </tr>
        </thead>
        <tbody>
          {props.walk.items.map((item) => (
            <tr key={key(item.kind, item.name)} data-depth={item.depth}>
              <td>
                <EntityLink kind={item.kind} name={item.name} resolved={item.resolved} />
              </td>
              <td>
                <KindBadge kind={item.kind} />
              </td>
              <td>{item.depth}</td>
              <td className="muted nowrap">
                {relations.get(key(item.kind, item.name))?.join(", ") ?? "indirect"}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Side(props: { entity: EntityDetail; direction: Direction; depth: number }) {
  const { entity: e, direction, depth } = props;
  const walk = useQuery(walkQuery(e.kind, e.name, direction, depth));
  const title = direction === "dependencies" ? "Depends on" : "Needed by";
  const count = walk.data ? ` (${walk.data.items.length})` : "";
  return (
    <section className="relations-side" aria-label={title}>
      <h3>
        {title}
        {count}
      </h3>
      <QueryState isPending={walk.isPending} error={walk.error}>
        {walk.data ? (
          <>
            <RelationTable
              direction={direction}
              walk={walk.data}
              direct={direction === "dependencies" ? e.dependencies : e.dependents}
            />
            {walk.data.truncated ? (
              <p className="muted small">More lie beyond depth {depth}: raise the depth to see them.</p>
            ) : null}
            {walk.data.cycles.map((c) => (
              <p key={c.map((n) => n.name).join()} className="notice notice-warn small">
                <strong>Dependency cycle</strong> among {c.map((n) => n.name).join(", ")}
              </p>
            ))}
          </>
        ) : null}
      </QueryState>
    </section>
  );
}

/**
 * What this entity needs and who is hurt when it breaks, to a chosen depth. Depth 1 lists the direct
 * edges with their relation; deeper levels come from the server's transitive walks.
 */
export function RelationsPanel({ entity, depth }: { entity: EntityDetail; depth: number }) {
  const navigate = useNavigate();
  const setDepth = (d: number) =>
    void navigate({
      to: "/catalog/$kind/$name",
      params: { kind: entity.kind, name: entity.name },
      search: { depth: d > 1 ? d : undefined },
      replace: true,
      resetScroll: false,
    });
  return (
    <Panel title="Dependencies and dependents" className="relations">
      <div className="relations-toolbar">
        <label htmlFor="relations-depth">Depth</label>
        <select id="relations-depth" value={depth} onChange={(ev) => setDepth(Number(ev.target.value))}>
          {Array.from({ length: maxWalkDepth }, (_, i) => i + 1).map((d) => (
            <option key={d} value={d}>
              {d === 1 ? "1 (direct)" : plural(d, "level")}
            </option>
          ))}
        </select>
      </div>
      <div className="relations-grid">
        <Side entity={entity} direction="dependencies" depth={depth} />
        <Side entity={entity} direction="dependents" depth={depth} />
      </div>
    </Panel>
  );
}
