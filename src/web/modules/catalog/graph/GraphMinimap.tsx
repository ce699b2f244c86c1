import { type PointerEvent, useEffect, useRef } from "react";
import type { GraphLayout } from "./layout.ts";
import type { PanZoom } from "./usePanZoom.ts";

/**
 * An overview of the whole drawing with the visible part framed; pressing or dragging in it moves there.
 * With hundreds of nodes the main view shows a part at a time, and this keeps one's bearings.
 */
export function GraphMinimap({ layout, panZoom }: { layout: GraphLayout; panZoom: PanZoom }) {
  const frameRef = useRef<SVGRectElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);

  // The frame follows every pan and zoom without re-rendering: attributes are written directly.
  useEffect(
    () =>
      panZoom.subscribe((v, viewport) => {
        const f = frameRef.current;
        if (!f) return;
        f.setAttribute("x", String(-v.x / v.k));
        f.setAttribute("y", String(-v.y / v.k));
        f.setAttribute("width", String(viewport.width / v.k));
        f.setAttribute("height", String(viewport.height / v.k));
      }),
    [panZoom],
  );

  const moveTo = (event: PointerEvent<SVGSVGElement>) => {
    const svg = svgRef.current;
    const matrix = svg?.getScreenCTM()?.inverse();
    if (!svg || !matrix) return;
    const p = new DOMPoint(event.clientX, event.clientY).matrixTransform(matrix);
    panZoom.centreOn(p.x, p.y);
  };

  return (
    <svg
      ref={svgRef}
      className="graph-minimap"
      viewBox={`0 0 ${layout.width} ${layout.height}`}
      preserveAspectRatio="xMidYMid meet"
      aria-hidden="true"
      onPointerDown={(event) => {
        event.currentTarget.setPointerCapture(event.pointerId);
        moveTo(event);
      }}
      onPointerMove={(event) => {
        if (event.currentTarget.hasPointerCapture(event.pointerId)) moveTo(event);
      }}
    >
      {layout.nodes.map((n) => (
        <rect
          key={n.id}
          className={`minimap-node fill-kind-${n.kind}${n.root ? " minimap-root" : ""}`}
          x={n.x - n.width / 2}
          y={n.y - n.height / 2}
          width={n.width}
          height={n.height}
        />
      ))}
      <rect ref={frameRef} className="minimap-frame" />
    </svg>
  );
}
