import { useNavigate, useRouter } from "@tanstack/react-router";
import { type MouseEvent, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { GraphInfo } from "./GraphInfo.tsx";
import { GraphLayer, type Highlight, type NodeHandlers } from "./GraphLayer.tsx";
import { GraphMinimap } from "./GraphMinimap.tsx";
import { GraphToolbar } from "./GraphToolbar.tsx";
import { nodeHeight } from "./geometry.ts";
import type { GraphLayout, LaidNode } from "./layout.ts";
import { usePanZoom } from "./usePanZoom.ts";

/** Below this the first view is the root's neighbourhood at a readable scale, not the whole graph. */
const readableScale = 0.55;

/** Each node's direct neighbours and the edges to them, for highlighting. */
function adjacency(layout: GraphLayout) {
  const near = new Map<string, { nodes: Set<string>; edges: Set<string> }>();
  const of = (id: string) => {
    let entry = near.get(id);
    if (!entry) {
      entry = { nodes: new Set([id]), edges: new Set() };
      near.set(id, entry);
    }
    return entry;
  };
  for (const e of layout.edges) {
    of(e.from).nodes.add(e.to);
    of(e.from).edges.add(e.id);
    of(e.to).nodes.add(e.from);
    of(e.to).edges.add(e.id);
  }
  return near;
}

/** The interactive drawing: pan, zoom, hover or find a node to light up its neighbours, click to open it. */
export function GraphCanvas({ layout }: { layout: GraphLayout }) {
  const svgRef = useRef<SVGSVGElement>(null);
  const layerRef = useRef<SVGGElement>(null);
  const panZoom = usePanZoom(svgRef, layerRef);
  const navigate = useNavigate();
  const router = useRouter();
  const [hovered, setHovered] = useState<string | null>(null);
  const [selected, setSelected] = useState<string | null>(null);

  const byId = useMemo(() => new Map(layout.nodes.map((n) => [n.id, n])), [layout]);
  const near = useMemo(() => adjacency(layout), [layout]);
  const root = layout.nodes.find((n) => n.root);
  const focus = hovered ?? selected;
  const highlight = useMemo<Highlight | null>(() => {
    if (!focus) return null;
    const n = near.get(focus);
    return { focus, nodes: n?.nodes ?? new Set([focus]), edges: n?.edges ?? new Set() };
  }, [focus, near]);

  const bounds = useMemo(() => ({ width: layout.width, height: layout.height }), [layout]);
  // A wide, flat drawing gets a shorter frame instead of empty space above and below it.
  const compact = layout.height < 480 && layout.height / Math.max(layout.width, 1) < 0.45;
  // Whether the whole drawing is too large to read at once: then a minimap keeps one's bearings.
  const [overflows, setOverflows] = useState(false);
  const showRoot = useCallback(() => {
    const tooLarge = panZoom.fitScale(bounds) < readableScale;
    setOverflows(tooLarge);
    if (!tooLarge || !root) panZoom.fit(bounds);
    else panZoom.centreOn(root.x, root.y, 0.85);
  }, [panZoom, bounds, root]);
  useEffect(showRoot, [showRoot]);

  const handlers = useMemo<NodeHandlers>(
    () => ({
      hrefOf: (n) =>
        router.buildLocation({ to: "/catalog/$kind/$name", params: { kind: n.kind, name: n.name } }).href,
      open: (n: LaidNode, event: MouseEvent) => {
        // Modified clicks open a new tab as with any link; the click that ends a drag opens nothing.
        if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
        event.preventDefault();
        if (panZoom.dragged()) return;
        void navigate({ to: "/catalog/$kind/$name", params: { kind: n.kind, name: n.name } });
      },
      focus: setHovered,
    }),
    [router, navigate, panZoom],
  );

  const find = (id: string) => {
    const n = byId.get(id);
    if (!n) return;
    setSelected(id);
    panZoom.centreOn(n.x, n.y, Math.max(panZoom.current().k, 0.9));
  };

  return (
    <div className="graph">
      <GraphToolbar
        nodes={layout.nodes}
        onZoom={(f) => panZoom.zoomBy(f)}
        onFit={() => panZoom.fit(bounds)}
        onRoot={showRoot}
        onFind={find}
      />
      <div className={compact ? "graph-frame graph-frame-compact" : "graph-frame"}>
        <svg
          ref={svgRef}
          className="graph-svg"
          aria-label={`Dependency graph: ${layout.nodes.length} entities, ${layout.edges.length} edges`}
          data-node-count={layout.nodes.length}
          data-edge-count={layout.edges.length}
          onClick={(event) => {
            // A click on the background (not a drag) clears a node found with the search box.
            if (event.target === event.currentTarget && !panZoom.dragged()) setSelected(null);
          }}
          onKeyDown={(event) => {
            if (event.key === "Escape") setSelected(null);
          }}
        >
          <defs>
            {(["", "-active", "-cycle"] as const).map((v) => (
              <marker
                key={v}
                id={`graph-arrow${v}`}
                className={`graph-marker${v}`}
                viewBox="0 0 10 10"
                refX={9}
                refY={5}
                // In drawing units, not stroke widths: a lit (thicker) edge keeps the same arrowhead.
                markerUnits="userSpaceOnUse"
                markerWidth={8}
                markerHeight={8}
                orient="auto-start-reverse"
              >
                <path d="M0,0 L10,5 L0,10 z" />
              </marker>
            ))}
            <clipPath id="graph-node-clip">
              <rect width={20} height={nodeHeight} rx={7} />
            </clipPath>
          </defs>
          <g ref={layerRef}>
            <GraphLayer layout={layout} highlight={highlight} on={handlers} />
          </g>
        </svg>
        {overflows ? <GraphMinimap layout={layout} panZoom={panZoom} /> : null}
      </div>
      <GraphInfo node={focus ? byId.get(focus) : undefined} layout={layout} />
    </div>
  );
}
