import dagre from "@dagrejs/dagre";
import type { GraphView } from "../types.ts";
import { nodeHeight } from "./geometry.ts";
import { type Point, routeEdges } from "./routing.ts";

/**
 * A layered (Sugiyama) layout of a dependency graph, by dagre: ranks left to right in the direction of
 * "needs", crossings reduced per rank. Pure and DOM-free, so it runs in a worker (see layout.worker.ts):
 * a few hundred nodes take about a second, which must not freeze the page.
 */

export interface LaidNode {
  id: string;
  kind: string;
  name: string;
  label: string;
  /** The second line: kind and tier, or why the node has no page. */
  sub: string;
  tier: number | null;
  owner: string | null;
  resolved: boolean;
  inCycle: boolean;
  root: boolean;
  /** Centre, as dagre gives it. */
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface LaidEdge {
  id: string;
  from: string;
  to: string;
  /** Relations merged: two entities may be tied by more than one (dependsOn and consumesApi). */
  relations: string[];
  inCycle: boolean;
  /** SVG path data, from `from` to `to`. */
  path: string;
}

export interface GraphLayout {
  nodes: LaidNode[];
  edges: LaidEdge[];
  width: number;
  height: number;
}

/** Room for the kind stripe, padding and the cycle mark. */
const chrome = 40;
const labelGlyph = 7.4;
const subGlyph = 6.3;

const round = (n: number) => Math.round(n * 10) / 10;

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, Math.max(1, max - 1))}…` : text;
}

/**
 * One width for every node, so ranks line up as straight columns; long names are cut to fit (the full
 * name is in the node's tooltip and the info line). Text is measured by estimate: a worker has no DOM.
 */
function nodeWidth(texts: { label: string; sub: string }[]): number {
  const widest = Math.max(
    0,
    ...texts.map((t) => Math.max(t.label.length * labelGlyph, t.sub.length * subGlyph)),
  );
  return Math.round(Math.min(220, Math.max(140, widest + chrome)));
}

/** Positions every node and routes every edge, in drawing units (the view scales them). */
export function layoutGraph(view: GraphView): GraphLayout {
  const g = new dagre.graphlib.Graph();
  // Ranks run left to right: labels are wide, so columns of nodes stay far more compact than rows.
  g.setGraph({ rankdir: "LR", nodesep: 12, edgesep: 6, ranksep: 60, marginx: 24, marginy: 24 });
  g.setDefaultEdgeLabel(() => ({}));

  const texts = view.nodes.map((n) => ({
    label: n.displayName ?? n.name,
    sub: n.resolved ? `${n.kind}${n.tier ? ` · tier ${n.tier}` : ""}` : `${n.kind} · not in catalog`,
  }));
  const width = nodeWidth(texts);
  const maxLabel = Math.floor((width - chrome) / labelGlyph);
  const nodes = new Map<string, Omit<LaidNode, "x" | "y">>();
  view.nodes.forEach((n, i) => {
    const text = texts[i] as { label: string; sub: string };
    nodes.set(n.id, {
      id: n.id,
      kind: n.kind,
      name: n.name,
      label: truncate(text.label, maxLabel),
      sub: truncate(text.sub, Math.floor((width - chrome) / subGlyph)),
      tier: n.tier,
      owner: n.owner,
      resolved: n.resolved,
      inCycle: n.inCycle,
      root: n.id === view.root,
      width,
      height: nodeHeight,
    });
    g.setNode(n.id, { width, height: nodeHeight });
  });

  const edges = new Map<string, Omit<LaidEdge, "path">>();
  for (const e of view.edges) {
    if (!nodes.has(e.from) || !nodes.has(e.to)) continue;
    const id = `${e.from}>${e.to}`;
    const seen = edges.get(id);
    if (seen) {
      seen.relations.push(e.relation);
      seen.inCycle ||= e.inCycle;
      continue;
    }
    edges.set(id, { id, from: e.from, to: e.to, relations: [e.relation], inCycle: e.inCycle });
    // Containment (system -> part) says less than a dependency: it may stretch so dependencies stay short.
    g.setEdge(e.from, e.to, { weight: e.relation === "hasPart" ? 1 : 3 });
  }

  dagre.layout(g);

  const laidNodes = [...nodes.values()].map((n) => {
    const p = g.node(n.id) as { x: number; y: number };
    return { ...n, x: round(p.x), y: round(p.y) };
  });
  const boxes = new Map(laidNodes.map((n) => [n.id, n]));
  const routed = [...edges.values()].map((e) => ({
    ...e,
    points: (g.edge(e.from, e.to) as { points?: Point[] }).points ?? [],
  }));
  const paths = routeEdges(routed, boxes);
  const laidEdges = routed.map(({ points: _, ...e }) => ({ ...e, path: paths.get(e.id) ?? "" }));
  const size = g.graph() as { width?: number; height?: number };
  return { nodes: laidNodes, edges: laidEdges, width: size.width ?? 0, height: size.height ?? 0 };
}
