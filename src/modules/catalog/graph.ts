/**
 * Pure graph algorithms over string node keys. Real dependency graphs have cycles, so every walk keeps
 * a visited set (a node is reported once, at its smallest depth) and stops at a depth limit.
 */

export interface Step {
  /** The node being expanded. */
  node: string;
  /** Its neighbour in the walk's direction. */
  next: string;
  relation: string;
}

export interface Walk {
  /** Every node reached except the root, at its smallest depth, in breadth-first order. */
  reached: { key: string; depth: number }[];
  /** Every edge seen while walking, in the walk's direction; edges into visited nodes included. */
  steps: Step[];
  /** True when nodes at the depth limit had neighbours not reported. */
  truncated: boolean;
}

/**
 * Breadth-first walk from `root` up to `maxDepth` levels. `expand` returns the steps leaving a whole
 * frontier at once, so a caller backed by a database issues one query per level.
 */
export async function walk(
  root: string,
  maxDepth: number,
  expand: (frontier: string[]) => Promise<Step[]> | Step[],
): Promise<Walk> {
  const depthOf = new Map<string, number>([[root, 0]]);
  const reached: Walk["reached"] = [];
  const steps: Step[] = [];
  let frontier = [root];
  for (let depth = 1; depth <= maxDepth && frontier.length > 0; depth++) {
    const next: string[] = [];
    // Sorted, so the answer does not depend on the order a database returns rows in.
    const found = [...(await expand(frontier))].sort(
      (a, b) =>
        a.next.localeCompare(b.next) || a.node.localeCompare(b.node) || a.relation.localeCompare(b.relation),
    );
    for (const s of found) {
      steps.push(s);
      if (!depthOf.has(s.next)) {
        depthOf.set(s.next, depth);
        reached.push({ key: s.next, depth });
        next.push(s.next);
      }
    }
    frontier = next;
  }
  let truncated = false;
  if (frontier.length > 0) truncated = (await expand(frontier)).some((s) => !depthOf.has(s.next));
  return { reached, steps, truncated };
}

/** An in-memory `expand` over an edge list, for callers that hold the whole graph. */
export function adjacency(edges: Step[]): (frontier: string[]) => Step[] {
  const byNode = new Map<string, Step[]>();
  for (const e of edges) {
    const list = byNode.get(e.node);
    if (list) list.push(e);
    else byNode.set(e.node, [e]);
  }
  return (frontier) => frontier.flatMap((n) => byNode.get(n) ?? []);
}

/**
 * The cycles of a graph: its strongly connected components with more than one node, or one node with
 * an edge to itself (Tarjan's algorithm, iterative so a long chain cannot overflow the stack).
 * Each cycle is sorted, and cycles are sorted by their first node, so output is stable.
 */
export function findCycles(edges: { from: string; to: string }[]): string[][] {
  const out = new Map<string, string[]>();
  const selfLoops = new Set<string>();
  for (const e of edges) {
    if (e.from === e.to) selfLoops.add(e.from);
    const l = out.get(e.from);
    if (l) l.push(e.to);
    else out.set(e.from, [e.to]);
  }
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  let counter = 0;
  for (const start of out.keys()) {
    if (index.has(start)) continue;
    const work: { node: string; i: number }[] = [{ node: start, i: 0 }];
    index.set(start, counter);
    low.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const top = work[work.length - 1] as { node: string; i: number };
      const next = out.get(top.node) ?? [];
      if (top.i < next.length) {
        const w = next[top.i++] as string;
        if (!index.has(w)) {
          index.set(w, counter);
          low.set(w, counter++);
          stack.push(w);
          onStack.add(w);
          work.push({ node: w, i: 0 });
        } else if (onStack.has(w)) {
          low.set(top.node, Math.min(low.get(top.node) ?? 0, index.get(w) ?? 0));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node) ?? 0, low.get(top.node) ?? 0));
      if (low.get(top.node) === index.get(top.node)) {
        const component: string[] = [];
        let w: string | undefined;
        do {
          w = stack.pop();
          if (w === undefined) break;
          onStack.delete(w);
          component.push(w);
        } while (w !== top.node);
        if (component.length > 1 || selfLoops.has(top.node)) cycles.push(component.sort());
      }
    }
  }
  return cycles.sort((a, b) => (a[0] ?? "").localeCompare(b[0] ?? ""));
}
