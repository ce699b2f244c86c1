import { type Kysely, sql } from "kysely";
import type { Tables } from "../../platform/db/tables.ts";
import type { Step } from "./graph.ts";

export type Direction = "dependencies" | "dependents";

const ends = (direction: Direction) =>
  direction === "dependencies"
    ? ({ near: "e.from_key", far: "e.to_key" } as const)
    : ({ near: "e.to_key", far: "e.from_key" } as const);

/**
 * A transitive walk in one statement: a recursive CTE with a depth cap (`union` drops repeated
 * (node, depth) rows, the cap ends cycles), then, for every node reached, its kind and name and the
 * edges leaving it. Edges to nodes not reached can only leave the last level: they tell the caller the
 * walk was truncated. Measured against one query per level and an in-memory walk in
 * `npm run bench -- catalog`.
 */
export async function walkGraph(
  db: Kysely<Tables>,
  root: string,
  maxDepth: number,
  direction: Direction,
  relations?: string[],
): Promise<{
  reached: { key: string; depth: number; kind: string | null; name: string | null }[];
  steps: Step[];
}> {
  const { near, far } = ends(direction);
  const rel = relations && relations.length > 0 ? relations : undefined;
  const base = db
    .withRecursive("walk(node, depth)", (qb) =>
      qb.selectNoFrom([sql<string>`${root}`.as("node"), sql<number>`0`.as("depth")]).union((qb2) => {
        let q = qb2
          .selectFrom("walk")
          .innerJoin("catalog_edges as e", near, "walk.node")
          .select([`${far} as node`, sql<number>`walk.depth + 1`.as("depth")])
          .where("walk.depth", "<", maxDepth);
        if (rel) q = q.where("e.relation", "in", rel);
        return q;
      }),
    )
    .with("reached", (qb) =>
      qb
        .selectFrom("walk")
        .select(["node", (eb) => eb.fn.min<number>("depth").as("depth")])
        .groupBy("node"),
    );
  const rows = await base
    .selectFrom("reached")
    .leftJoin("catalog_entities as n", "n.ref_key", "reached.node")
    .select([
      "reached.node as a",
      sql<string | null>`null`.as("b"),
      "reached.depth as depth",
      "n.kind as kind",
      "n.name as name",
    ])
    .unionAll((eb) => {
      let edges = eb
        .selectFrom("reached")
        .innerJoin("catalog_edges as e", near, "reached.node")
        .select([
          `${near} as a`,
          `${far} as b`,
          sql<number>`-1`.as("depth"),
          sql<string | null>`null`.as("kind"),
          "e.relation as name",
        ]);
      if (rel) edges = edges.where("e.relation", "in", rel);
      return edges;
    })
    .execute();
  const reached: { key: string; depth: number; kind: string | null; name: string | null }[] = [];
  const steps: Step[] = [];
  for (const r of rows) {
    if (r.b === null) reached.push({ key: r.a, depth: Number(r.depth), kind: r.kind, name: r.name });
    else steps.push({ node: r.a, next: r.b, relation: r.name ?? "" });
  }
  return { reached, steps };
}

/** Only the reached nodes and their depth, the bare CTE (for the benchmark's comparison). */
export async function walkNodesWithCte(
  db: Kysely<Tables>,
  root: string,
  maxDepth: number,
  direction: Direction,
): Promise<{ key: string; depth: number }[]> {
  const { near, far } = ends(direction);
  const rows = await db
    .withRecursive("walk(node, depth)", (qb) =>
      qb.selectNoFrom([sql<string>`${root}`.as("node"), sql<number>`0`.as("depth")]).union((qb2) =>
        qb2
          .selectFrom("walk")
          .innerJoin("catalog_edges as e", near, "walk.node")
          .select([`${far} as node`, sql<number>`walk.depth + 1`.as("depth")])
          .where("walk.depth", "<", maxDepth),
      ),
    )
    .selectFrom("walk")
    .select(["node", (eb) => eb.fn.min<number>("depth").as("depth")])
    .groupBy("node")
    .execute();
  return rows.map((r) => ({ key: r.node, depth: Number(r.depth) }));
}
