import { type RefObject, useEffect, useMemo, useRef } from "react";

export interface View {
  x: number;
  y: number;
  k: number;
}

export interface Bounds {
  width: number;
  height: number;
}

const minScale = 0.04;
const maxScale = 2.5;
/** Below this scale the second line of each node is hidden: it could not be read anyway. */
const farScale = 0.55;
/** A pointer that moved less than this between down and up clicked; more, it dragged. */
const dragThreshold = 4;

const clamp = (k: number) => Math.min(maxScale, Math.max(minScale, k));

export interface PanZoom {
  zoomBy(factor: number): void;
  /** Zooms keeping the drawing point under viewport point (px, py) in place. */
  zoomAt(factor: number, px: number, py: number): void;
  /** Puts the drawing's origin at viewport point (x, y), keeping the scale. */
  panTo(x: number, y: number): void;
  /** The whole drawing, centred, at most a quarter above natural size. */
  fit(bounds: Bounds): void;
  /** Centres a point of the drawing at scale `k` (default: the current one). */
  centreOn(x: number, y: number, k?: number): void;
  /** The scale at which the whole drawing fits the viewport. */
  fitScale(bounds: Bounds): number;
  /** True right after a drag, so the click that ends it does not open the node under the pointer. */
  dragged(): boolean;
  current(): View;
  /** Calls `listener` now and after every change of the view; returns the unsubscribe function. */
  subscribe(listener: (view: View, viewport: Bounds) => void): () => void;
}

/**
 * Pan (drag) and zoom (wheel, at the pointer) for an SVG drawing. The transform is written straight to
 * the layer's attribute, not through React state: a drag re-renders nothing, which keeps hundreds of
 * nodes smooth. The SVG `transform` attribute is not a style, so the strict CSP (no inline styles) holds.
 */
export function usePanZoom(
  svgRef: RefObject<SVGSVGElement | null>,
  layerRef: RefObject<SVGGElement | null>,
): PanZoom {
  const view = useRef<View>({ x: 0, y: 0, k: 1 });
  const wasDrag = useRef(false);
  const listeners = useRef(new Set<(view: View, viewport: Bounds) => void>());

  const api = useMemo<PanZoom>(() => {
    const viewport = (): Bounds => {
      const r = svgRef.current?.getBoundingClientRect();
      return { width: r?.width ?? 0, height: r?.height ?? 0 };
    };
    const apply = () => {
      const { x, y, k } = view.current;
      layerRef.current?.setAttribute("transform", `translate(${x} ${y}) scale(${k})`);
      svgRef.current?.classList.toggle("graph-far", k < farScale);
      for (const l of listeners.current) l(view.current, viewport());
    };
    const zoomAt = (factor: number, px: number, py: number) => {
      const { x, y, k } = view.current;
      const nk = clamp(k * factor);
      // Keep the drawing point under (px, py) where it is.
      view.current = { k: nk, x: px - ((px - x) * nk) / k, y: py - ((py - y) * nk) / k };
      apply();
    };
    const fitScale = (b: Bounds) => {
      const v = viewport();
      // Small graphs may grow a little past natural size: easier to read, and the frame is not left empty.
      return clamp(Math.min(v.width / Math.max(b.width, 1), v.height / Math.max(b.height, 1), 1.25));
    };
    return {
      zoomAt,
      panTo: (x, y) => {
        view.current = { ...view.current, x, y };
        apply();
      },
      zoomBy: (factor) => {
        const v = viewport();
        zoomAt(factor, v.width / 2, v.height / 2);
      },
      fit: (b) => {
        const v = viewport();
        const k = fitScale(b);
        view.current = { k, x: (v.width - b.width * k) / 2, y: (v.height - b.height * k) / 2 };
        apply();
      },
      centreOn: (x, y, k = view.current.k) => {
        const v = viewport();
        view.current = { k: clamp(k), x: v.width / 2 - x * clamp(k), y: v.height / 2 - y * clamp(k) };
        apply();
      },
      fitScale,
      dragged: () => wasDrag.current,
      current: () => view.current,
      subscribe: (listener) => {
        listeners.current.add(listener);
        listener(view.current, viewport());
        return () => listeners.current.delete(listener);
      },
    };
  }, [svgRef, layerRef]);

  useEffect(() => {
    const svg = svgRef.current;
    if (!svg) return;
    let start: { px: number; py: number; x: number; y: number; id: number } | null = null;
    const down = (e: PointerEvent) => {
      if (e.button !== 0) return;
      wasDrag.current = false;
      start = { px: e.clientX, py: e.clientY, x: view.current.x, y: view.current.y, id: e.pointerId };
    };
    const move = (e: PointerEvent) => {
      if (!start || e.pointerId !== start.id) return;
      const dx = e.clientX - start.px;
      const dy = e.clientY - start.py;
      if (!wasDrag.current && Math.hypot(dx, dy) < dragThreshold) return;
      if (!wasDrag.current) {
        wasDrag.current = true;
        // Captured only once it is a drag: capturing at pointerdown would retarget the click of a node.
        svg.setPointerCapture(e.pointerId);
        svg.classList.add("graph-dragging");
      }
      api.panTo(start.x + dx, start.y + dy);
    };
    const up = (e: PointerEvent) => {
      if (!start || e.pointerId !== start.id) return;
      start = null;
      svg.classList.remove("graph-dragging");
      if (svg.hasPointerCapture(e.pointerId)) svg.releasePointerCapture(e.pointerId);
      // The click that ends this drag is dispatched before the timer runs; a later Enter on a node is not.
      if (wasDrag.current)
        setTimeout(() => {
          wasDrag.current = false;
        }, 0);
    };
    const wheel = (e: WheelEvent) => {
      e.preventDefault();
      const r = svg.getBoundingClientRect();
      // Trackpads send many small deltas, mouse wheels few large ones; exp() treats both smoothly.
      const factor = Math.exp(-e.deltaY * (e.deltaMode === 1 ? 0.05 : 0.0015));
      api.zoomAt(factor, e.clientX - r.left, e.clientY - r.top);
    };
    svg.addEventListener("pointerdown", down);
    svg.addEventListener("pointermove", move);
    svg.addEventListener("pointerup", up);
    svg.addEventListener("pointercancel", up);
    // Not passive: the wheel zooms the drawing instead of scrolling the page.
    svg.addEventListener("wheel", wheel, { passive: false });
    return () => {
      svg.removeEventListener("pointerdown", down);
      svg.removeEventListener("pointermove", move);
      svg.removeEventListener("pointerup", up);
      svg.removeEventListener("pointercancel", up);
      svg.removeEventListener("wheel", wheel);
    };
  }, [svgRef, api]);

  return api;
}
