import type { GraphView } from "../types.ts";

const wholes = new Set(["system", "domain"]);

/** Whether a graph drawn around this root is about containment (a system's parts) rather than dependencies. */
export function isContainmentRoot(view: GraphView): boolean {
  return wholes.has(view.root.slice(0, view.root.indexOf(":")));
}

/**
 * The graph without `hasPart` edges, and without the nodes left with no edge (systems and domains, mostly).
 * A system is a dependent of each of its parts, so around any service it ties to dozens of nodes and
 * buries the dependencies under dotted lines; hidden by default, one click brings them back.
 */
export function withoutContainment(view: GraphView): { view: GraphView; hidden: number } {
  const edges = view.edges.filter((e) => e.relation !== "hasPart");
  const linked = new Set([view.root, ...edges.flatMap((e) => [e.from, e.to])]);
  const nodes = view.nodes.filter((n) => linked.has(n.id));
  return { view: { ...view, nodes, edges }, hidden: view.nodes.length - nodes.length };
}
