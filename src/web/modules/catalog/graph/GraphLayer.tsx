import { type MouseEvent, memo } from "react";
import type { GraphLayout, LaidEdge, LaidNode } from "./layout.ts";

/** The nodes and edges lit up around the focused node; null when nothing is focused. */
export interface Highlight {
  focus: string;
  nodes: ReadonlySet<string>;
  edges: ReadonlySet<string>;
}

export interface NodeHandlers {
  hrefOf(node: LaidNode): string;
  open(node: LaidNode, event: MouseEvent): void;
  focus(id: string | null): void;
}

function edgeClass(e: LaidEdge, h: Highlight | null): string {
  // The strongest relation decides the stroke: a dependency is drawn solid even when it is also an API.
  const kind = e.relations.includes("dependsOn")
    ? "depends"
    : e.relations.includes("hasPart")
      ? "part"
      : "api";
  const state = h ? (h.edges.has(e.id) ? " edge-active" : " edge-dim") : "";
  return `edge edge-${kind}${e.inCycle ? " edge-cycle" : ""}${state}`;
}

function markerOf(e: LaidEdge, h: Highlight | null): string {
  if (e.inCycle) return "url(#graph-arrow-cycle)";
  return h?.edges.has(e.id) ? "url(#graph-arrow-active)" : "url(#graph-arrow)";
}

function NodeBody({ node: n }: { node: LaidNode }) {
  return (
    <>
      <rect className="node-box" width={n.width} height={n.height} rx={7} />
      <rect
        className={`node-stripe fill-kind-${n.kind}`}
        width={5}
        height={n.height}
        clipPath="url(#graph-node-clip)"
      />
      <text className="node-label" x={14} y={18}>
        {n.label}
      </text>
      <text className="node-sub" x={14} y={34}>
        {n.sub}
      </text>
      {n.inCycle ? (
        <text className="node-cycle-mark" x={n.width - 8} y={17} textAnchor="end">
          ↻
        </text>
      ) : null}
      <title>
        {`${n.kind}:${n.name}${n.owner ? ` · owner ${n.owner}` : ""}${n.inCycle ? " · on a dependency cycle" : ""}`}
      </title>
    </>
  );
}

function GraphNode(props: { node: LaidNode; highlight: Highlight | null; on: NodeHandlers }) {
  const { node: n, highlight: h, on } = props;
  const state = h ? (h.focus === n.id ? " node-focus" : h.nodes.has(n.id) ? " node-near" : " node-dim") : "";
  const cls = `node${n.root ? " node-root" : ""}${n.resolved ? "" : " node-unresolved"}${n.inCycle ? " node-cycle" : ""}${state}`;
  const common = {
    className: cls,
    transform: `translate(${n.x - n.width / 2} ${n.y - n.height / 2})`,
    "data-node-id": n.id,
    "data-kind": n.kind,
    "data-in-cycle": n.inCycle || undefined,
    "data-root": n.root || undefined,
    onMouseEnter: () => on.focus(n.id),
    onMouseLeave: () => on.focus(null),
  };
  // Only entities in the catalog have a page; an unresolved reference is drawn but leads nowhere.
  if (!n.resolved) {
    return (
      <g {...common}>
        <NodeBody node={n} />
      </g>
    );
  }
  return (
    <g {...common}>
      <a
        href={on.hrefOf(n)}
        aria-label={`${n.label}, ${n.sub}`}
        onClick={(event) => on.open(n, event)}
        onFocus={() => on.focus(n.id)}
        onBlur={() => on.focus(null)}
      >
        <NodeBody node={n} />
      </a>
    </g>
  );
}

/**
 * Everything drawn inside the pan/zoom layer. Memoised: panning changes only the layer's transform,
 * and hovering re-renders this list once, not once per frame.
 */
export const GraphLayer = memo(function GraphLayer(props: {
  layout: GraphLayout;
  highlight: Highlight | null;
  on: NodeHandlers;
}) {
  const { layout, highlight, on } = props;
  // Lit edges are painted last (SVG has no z-index), so dimmed ones never cross over them.
  const edges = highlight
    ? [...layout.edges].sort((a, b) => Number(highlight.edges.has(a.id)) - Number(highlight.edges.has(b.id)))
    : layout.edges;
  return (
    <>
      <g className="edges">
        {edges.map((e) => (
          <path
            key={e.id}
            d={e.path}
            className={edgeClass(e, highlight)}
            markerEnd={markerOf(e, highlight)}
            data-in-cycle={e.inCycle || undefined}
          />
        ))}
      </g>
      <g className="nodes">
        {layout.nodes.map((n) => (
          <GraphNode key={n.id} node={n} highlight={highlight} on={on} />
        ))}
      </g>
    </>
  );
});
