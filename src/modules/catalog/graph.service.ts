import type { Database } from "../../platform/db/database.ts";
import { InputError, NotFoundError } from "../../platform/errors.ts";
import { allEdges, findEntity, rowsByRefKeys } from "./catalog.repository.ts";
import type { GraphView } from "./catalog.views.ts";
import { relations } from "./entity.ts";
import { type Direction, walkGraph } from "./graph.repository.ts";
import { findCycles, type Step, type Walk } from "./graph.ts";
import { type CatalogKind, graphKey, parseRef, splitRef } from "./refs.ts";

export type { Direction };

function parseRelations(text: string | undefined): string[] | undefined {
  if (!text) return undefined;
  const list = text
    .split(",")
    .map((r) => r.trim())
    .filter(Boolean);
  const bad = list.filter((r) => !(relations as readonly string[]).includes(r));
  if (bad.length > 0)
    throw new InputError(`unknown relation ${bad.join(", ")} (known: ${relations.join(", ")})`, [
      { path: "relations", message: `expected some of ${relations.join(", ")}` },
    ]);
  return list;
}

const nodeOf = (key: string, rows: Map<string, { kind: string; name: string }>) => {
  const r = rows.get(key);
  const ref = splitRef(key);
  return { kind: r?.kind ?? ref.kind, name: r?.name ?? ref.name, resolved: r !== undefined };
};

/** Cycles among the steps of a walk that stay inside it, as lists of nodes. */
function cyclesOf(steps: Step[], inside: Set<string>): string[][] {
  return findCycles(steps.filter((s) => inside.has(s.next)).map((s) => ({ from: s.node, to: s.next })));
}

/**
 * One transitive walk (a recursive CTE, see graph.repository.ts) in the shape of graph.ts's `walk`: nodes
 * in breadth-first order (depth, then key), the steps among them, and whether the depth cap cut it.
 */
async function walkFrom(
  db: Database,
  root: string,
  depth: number,
  direction: Direction,
  rel?: string[],
): Promise<Walk & { names: Map<string, { kind: string; name: string }>; inside: Set<string> }> {
  const w = await walkGraph(db.read, root, depth, direction, rel);
  const inside = new Set(w.reached.map((r) => r.key));
  const names = new Map<string, { kind: string; name: string }>();
  for (const r of w.reached)
    if (r.kind !== null && r.name !== null) names.set(r.key, { kind: r.kind, name: r.name });
  const reached = w.reached
    .filter((r) => r.key !== root)
    .sort((a, b) => a.depth - b.depth || a.key.localeCompare(b.key))
    .map(({ key, depth: d }) => ({ key, depth: d }));
  return { reached, steps: w.steps, truncated: w.steps.some((s) => !inside.has(s.next)), names, inside };
}

/**
 * Who is hurt when an entity breaks (`dependents`) or what it needs (`dependencies`), transitively, each
 * node once at its smallest depth; cycles met on the way are reported, never followed twice.
 */
export async function transitive(
  db: Database,
  kind: CatalogKind,
  name: string,
  direction: Direction,
  q: { depth: number; relations?: string },
) {
  const root = await findEntity(db.read, kind, name);
  if (!root) throw new NotFoundError(`no ${kind} named '${name}'`);
  const rel = parseRelations(q.relations);
  const w = await walkFrom(db, root.ref_key, q.depth, direction, rel);
  return {
    items: w.reached.map((r) => ({ ...nodeOf(r.key, w.names), depth: r.depth })),
    cycles: cyclesOf(w.steps, w.inside).map((c) =>
      c.map((k) => {
        const n = nodeOf(k, w.names);
        return { kind: n.kind, name: n.name };
      }),
    ),
    truncated: w.truncated,
  };
}

/**
 * The neighbourhood of a root for drawing: nodes within `depth` both ways, the edges among them (in the
 * `from needs to` direction), and which of them lie on a cycle.
 */
export async function graphAround(
  db: Database,
  rootText: string,
  depth: number,
  maxNodes = 500,
): Promise<GraphView> {
  const parsed = parseRef(rootText, {
    allowed: ["service", "component", "resource", "system", "domain", "api"],
  });
  if (!parsed.ok) throw new InputError(parsed.message, [{ path: "root", message: parsed.message }]);
  const rootKey = graphKey(parsed.ref);
  const rootRows = await rowsByRefKeys(db.read, [rootKey]);
  if (!rootRows.has(rootKey)) throw new NotFoundError(`no ${parsed.ref.kind} named '${parsed.ref.name}'`);
  const down = await walkFrom(db, rootKey, depth, "dependencies");
  const up = await walkFrom(db, rootKey, depth, "dependents");
  const depthOf = new Map<string, number>([[rootKey, 0]]);
  for (const r of [...down.reached, ...up.reached])
    depthOf.set(r.key, Math.min(depthOf.get(r.key) ?? r.depth, r.depth));
  // A hub at depth 10 can reach thousands of entities; a drawing of them helps nobody and a layout of them
  // freezes the browser. Keep the nearest `maxNodes` and say the view is truncated.
  const overflow = depthOf.size > maxNodes;
  if (overflow) {
    const nearest = [...depthOf.entries()].sort((a, b) => a[1] - b[1]).slice(0, maxNodes);
    depthOf.clear();
    for (const [k, d] of nearest) depthOf.set(k, d);
  }
  const edgeMap = new Map<string, { from: string; to: string; relation: string }>();
  const keep = (from: string, to: string, relation: string) => {
    if (depthOf.has(from) && depthOf.has(to))
      edgeMap.set(`${from}>${to}>${relation}`, { from, to, relation });
  };
  for (const s of down.steps) keep(s.node, s.next, s.relation);
  for (const s of up.steps) keep(s.next, s.node, s.relation);
  const edges = [...edgeMap.values()];
  const cycles = findCycles(edges);
  const cycleOf = new Map<string, number>();
  cycles.forEach((c, i) => {
    for (const k of c) cycleOf.set(k, i);
  });
  const rows = await rowsByRefKeys(db.read, [...depthOf.keys()]);
  return {
    root: rootKey,
    nodes: [...depthOf.entries()].map(([id, d]) => {
      const r = rows.get(id);
      const n = nodeOf(id, rows);
      return {
        id,
        ...n,
        displayName: r?.display_name ?? null,
        tier: r?.tier ?? null,
        owner: r?.owner ?? null,
        depth: d,
        inCycle: cycleOf.has(id),
      };
    }),
    edges: edges.map((e) => ({
      ...e,
      inCycle: cycleOf.has(e.from) && cycleOf.get(e.from) === cycleOf.get(e.to),
    })),
    cycles,
    truncated: overflow || down.truncated || up.truncated,
  };
}

/** Every cycle in the whole catalog graph. */
export async function allCycles(db: Database): Promise<{ kind: string; name: string }[][]> {
  const edges = await allEdges(db.read);
  const cycles = findCycles(edges.map((e) => ({ from: e.from_key, to: e.to_key })));
  const rows = await rowsByRefKeys(db.read, cycles.flat());
  return cycles.map((c) =>
    c.map((k) => {
      const n = nodeOf(k, rows);
      return { kind: n.kind, name: n.name };
    }),
  );
}
