/**
 * Edge routing on top of dagre's layout. dagre ends an edge where the straight line between two node
 * centres meets the box, so in a left-to-right layout an edge between neighbouring ranks can enter from
 * the top and cut through the nodes stacked in the same column. Here every edge leaves and enters at a
 * node's side and runs as S-curves with horizontal tangents, which stay in the gaps between columns; the
 * points dagre placed for long edges (dummy nodes, which hold their own slot in each rank) are kept.
 */

export interface Point {
  x: number;
  y: number;
}

interface Box extends Point {
  width: number;
  height: number;
}

export interface RoutedEdge {
  id: string;
  from: string;
  to: string;
  /** dagre's points, first and last on the node boundaries. */
  points: Point[];
}

const round = (n: number) => Math.round(n * 10) / 10;
/** Vertical distance between two edges that share a side of a node. */
const portGap = 7;

/** S-curves through the points: each segment a cubic with horizontal tangents at both ends. */
export function flowPath(points: Point[]): string {
  const first = points[0];
  if (!first) return "";
  let d = `M${round(first.x)},${round(first.y)}`;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1] as Point;
    const b = points[i] as Point;
    const dx = (b.x - a.x) / 2;
    d += ` C${round(a.x + dx)},${round(a.y)} ${round(b.x - dx)},${round(b.y)} ${round(b.x)},${round(b.y)}`;
  }
  return d;
}

/** dagre's own rounded polyline, for self-loops, which have no "other side" to go to. */
function loopPath(points: Point[]): string {
  const [first, ...rest] = points;
  if (!first) return "";
  return `M${round(first.x)},${round(first.y)}${rest.map((p) => ` L${round(p.x)},${round(p.y)}`).join("")}`;
}

interface Port {
  edge: string;
  end: "start" | "end";
  /** Where the edge comes from or goes to, to order the ports top to bottom without crossings. */
  towards: number;
}

/** SVG path data per edge id. */
export function routeEdges(edges: RoutedEdge[], boxes: Map<string, Box>): Map<string, string> {
  const sides = new Map<string, Port[]>();
  const addPort = (node: string, side: "left" | "right", port: Port) => {
    const key = `${node}|${side}`;
    sides.set(key, [...(sides.get(key) ?? []), port]);
  };
  const anchors = new Map<string, { start: Point; end: Point }>();
  for (const e of edges) {
    const from = boxes.get(e.from);
    const to = boxes.get(e.to);
    if (!from || !to || e.from === e.to) continue;
    // A forward edge leaves right and enters left; an edge dagre turned back (a cycle) the other way.
    const forward = to.x >= from.x;
    const next = e.points[1] ?? to;
    const previous = e.points[e.points.length - 2] ?? from;
    addPort(e.from, forward ? "right" : "left", { edge: e.id, end: "start", towards: next.y });
    addPort(e.to, forward ? "left" : "right", { edge: e.id, end: "end", towards: previous.y });
    anchors.set(e.id, {
      start: { x: from.x + ((forward ? 1 : -1) * from.width) / 2, y: from.y },
      end: { x: to.x + ((forward ? -1 : 1) * to.width) / 2, y: to.y },
    });
  }
  // Spread the edges sharing a side over its height, in the order of where they head; a side with many
  // edges packs them closer rather than let them leave the box.
  for (const [key, ports] of sides) {
    const height = boxes.get(key.slice(0, key.lastIndexOf("|")))?.height ?? 0;
    const gap = ports.length > 1 ? Math.min(portGap, (height - 12) / (ports.length - 1)) : 0;
    ports.sort((a, b) => a.towards - b.towards);
    ports.forEach((p, i) => {
      const a = anchors.get(p.edge);
      if (a) a[p.end] = { ...a[p.end], y: a[p.end].y + (i - (ports.length - 1) / 2) * gap };
    });
  }
  const paths = new Map<string, string>();
  for (const e of edges) {
    const a = anchors.get(e.id);
    paths.set(e.id, a ? flowPath([a.start, ...e.points.slice(1, -1), a.end]) : loopPath(e.points));
  }
  return paths;
}
