import { useQuery } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { type FormEvent, lazy, Suspense } from "react";
import { formText, TextField } from "../../ui/Field.tsx";
import { EmptyState, PageHeader, Panel, QueryState } from "../../ui/Page.tsx";
import { plural, refName } from "./format.ts";
import { graphQuery, serviceNamesQuery } from "./queries.ts";
import { intIn, maxGraphDepth } from "./search.ts";
import "./catalog.css";

const DependencyGraph = lazy(() => import("./graph/DependencyGraph.tsx"));
const route = getRouteApi("/signed-in/catalog/graph");
const defaultDepth = 2;

/** `vault` means `service:vault`: the server wants the kind, people mostly look for services. */
function normaliseRoot(text: string | undefined): string | undefined {
  if (!text) return undefined;
  return text.includes(":") ? text.toLowerCase() : `service:${text.toLowerCase()}`;
}

/** The dependency graph around one entity, to a chosen depth in both directions. */
export function GraphPage() {
  const search = route.useSearch();
  const root = normaliseRoot(search.root);
  const depth = search.depth ?? defaultDepth;
  const navigate = useNavigate();
  const services = useQuery(serviceNamesQuery);
  const graph = useQuery({ ...graphQuery(root ?? "", depth), enabled: root !== undefined });

  const show = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const d = intIn(data.get("depth"), 1, maxGraphDepth);
    void navigate({
      to: "/catalog/graph",
      search: { root: normaliseRoot(formText(data, "root")), depth: d === defaultDepth ? undefined : d },
    });
  };

  const g = graph.data;
  return (
    <>
      <PageHeader
        title="Dependency graph"
        description="What an entity needs (to the right) and who needs it (to the left). Edges on a cycle are red."
      />
      <Panel>
        <form key={`${root}-${depth}`} className="filter-bar" onSubmit={show} aria-label="Graph settings">
          <TextField
            label="Root"
            name="root"
            list="graph-roots"
            defaultValue={root ?? ""}
            placeholder="service:payments-api"
            hint="kind:name; a bare name is a service"
          />
          <datalist id="graph-roots">
            {services.data?.items.map((s) => (
              <option key={s.ref} value={s.ref}>
                {s.displayName}
              </option>
            ))}
          </datalist>
          <div className="field field-narrow">
            <label htmlFor="graph-depth">Depth</label>
            <select id="graph-depth" name="depth" defaultValue={String(depth)}>
              {Array.from({ length: maxGraphDepth }, (_, i) => i + 1).map((d) => (
                <option key={d} value={d}>
                  {plural(d, "level")}
                </option>
              ))}
            </select>
          </div>
          <div className="filter-actions">
            <button type="submit" className="button button-primary">
              Show graph
            </button>
          </div>
        </form>
      </Panel>
      {root === undefined ? (
        <Panel>
          <EmptyState>Choose an entity to draw the graph around, e.g. a tier 1 service.</EmptyState>
        </Panel>
      ) : (
        <Panel className="graph-panel">
          <QueryState isPending={graph.isPending} error={graph.error}>
            {g ? (
              <>
                <p className="graph-summary">
                  <span>
                    {plural(g.nodes.length, "entity", "entities")}, {plural(g.edges.length, "edge")} within{" "}
                    {plural(depth, "level")} of <span className="mono">{g.root}</span>
                  </span>
                  {g.truncated ? <span className="badge badge-warn">more beyond depth {depth}</span> : null}
                </p>
                {g.cycles.map((c) => (
                  <p key={c.join()} className="notice notice-warn small">
                    <strong>Dependency cycle</strong> among {c.map(refName).join(", ")}
                  </p>
                ))}
                <Suspense fallback={<p className="muted">Loading the graph…</p>}>
                  <DependencyGraph key={g.root} view={g} />
                </Suspense>
              </>
            ) : null}
          </QueryState>
        </Panel>
      )}
    </>
  );
}
