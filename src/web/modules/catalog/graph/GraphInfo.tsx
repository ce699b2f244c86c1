import { Link } from "@tanstack/react-router";
import { plural, refName } from "../format.ts";
import type { GraphLayout, LaidNode } from "./layout.ts";

/** What the focused node is, in words; without one, how to use the drawing. */
export function GraphInfo({ node, layout }: { node: LaidNode | undefined; layout: GraphLayout }) {
  if (!node) {
    return (
      <p className="graph-info muted" aria-live="polite">
        Hover or tab to a node to light up its neighbours; click it to open its page. Drag to pan, scroll to
        zoom.
      </p>
    );
  }
  const needs = layout.edges.filter((e) => e.from === node.id).length;
  const neededBy = layout.edges.filter((e) => e.to === node.id).length;
  return (
    <p className="graph-info" aria-live="polite">
      <strong>{node.label}</strong> <span className="mono muted">{node.id}</span>
      <span>{node.sub}</span>
      {node.owner ? <span>owner {refName(node.owner)}</span> : null}
      <span>needs {plural(needs, "entity", "entities")}</span>
      <span>needed by {neededBy}</span>
      {node.inCycle ? <span className="graph-info-cycle">on a dependency cycle</span> : null}
      {node.resolved ? (
        <Link to="/catalog/$kind/$name" params={{ kind: node.kind, name: node.name }}>
          Open page
        </Link>
      ) : null}
    </p>
  );
}
