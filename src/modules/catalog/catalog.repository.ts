import type { Kysely, Selectable } from "kysely";
import { chunks } from "../../platform/db/chunks.ts";
import type { Tables } from "../../platform/db/tables.ts";
import type { EntitySpec } from "./catalog.schema.ts";
import type { CatalogEntityTable } from "./catalog.tables.ts";
import type { ListQuery } from "./catalog.views.ts";
import type { Edge } from "./entity.ts";
import type { Step } from "./graph.ts";
import { type CatalogKind, parseRef } from "./refs.ts";

export type EntityRow = Selectable<CatalogEntityTable>;

export function findEntity(
  db: Kysely<Tables>,
  kind: CatalogKind,
  name: string,
): Promise<EntityRow | undefined> {
  return db
    .selectFrom("catalog_entities")
    .selectAll()
    .where("kind", "=", kind)
    .where("name_key", "=", name.toLowerCase())
    .executeTakeFirst();
}

export function findByRefKey(db: Kysely<Tables>, refKey: string): Promise<EntityRow | undefined> {
  return db.selectFrom("catalog_entities").selectAll().where("ref_key", "=", refKey).executeTakeFirst();
}

/** Rows for the given graph keys (those that exist). Chunked: engines cap bound parameters. */
export async function rowsByRefKeys(db: Kysely<Tables>, keys: string[]): Promise<Map<string, EntityRow>> {
  const out = new Map<string, EntityRow>();
  for (const chunk of chunks([...new Set(keys)], 5000)) {
    const rows = await db.selectFrom("catalog_entities").selectAll().where("ref_key", "in", chunk).execute();
    for (const r of rows) out.set(r.ref_key, r);
  }
  return out;
}

export async function replaceEdges(db: Kysely<Tables>, entityId: string, edges: Edge[]): Promise<void> {
  await db.deleteFrom("catalog_edges").where("declared_by", "=", entityId).execute();
  if (edges.length === 0) return;
  await db
    .insertInto("catalog_edges")
    .values(
      edges.map((e) => ({ declared_by: entityId, from_key: e.from, to_key: e.to, relation: e.relation })),
    )
    .execute();
}

export async function replaceLabels(
  db: Kysely<Tables>,
  entityId: string,
  labels: Record<string, string>,
): Promise<void> {
  await db.deleteFrom("catalog_labels").where("entity_id", "=", entityId).execute();
  const entries = Object.entries(labels);
  if (entries.length === 0) return;
  await db
    .insertInto("catalog_labels")
    .values(entries.map(([key, value]) => ({ entity_id: entityId, key, value })))
    .execute();
}

/** Every entity's normalized spec of one kind, by name: what `opsdeck apply` diffs against. */
export async function specsOfKind(db: Kysely<Tables>, kind: CatalogKind): Promise<Map<string, EntitySpec>> {
  const rows = await db
    .selectFrom("catalog_entities")
    .select(["name", "spec_json"])
    .where("kind", "=", kind)
    .execute();
  return new Map(rows.map((r) => [r.name, JSON.parse(r.spec_json) as EntitySpec]));
}

/** One page of a kind with the filters of the list API, and the total matching. */
export async function listEntityRows(
  db: Kysely<Tables>,
  kind: CatalogKind,
  q: ListQuery,
): Promise<{ rows: EntityRow[]; total: number }> {
  let query = db.selectFrom("catalog_entities").where("kind", "=", kind);
  if (q.owner) {
    const r = parseRef(q.owner, { defaultKind: "group", allowed: ["group", "user"] });
    query = query.where("owner", "=", r.ok ? `${r.ref.kind}:${r.ref.name}` : q.owner);
  }
  if (q.system) {
    const r = parseRef(q.system, { defaultKind: "system", allowed: ["system"] });
    query = query.where("system", "=", r.ok ? `${r.ref.kind}:${r.ref.name}` : q.system);
  }
  if (q.tier !== undefined) query = query.where("tier", "=", q.tier);
  if (q.lifecycle) query = query.where("lifecycle", "=", q.lifecycle);
  if (q.type) query = query.where("type", "=", q.type);
  if (q.search) query = query.where("search_text", "like", `%${escapeLike(q.search.toLowerCase())}%`);
  for (const label of typeof q.label === "string" ? [q.label] : (q.label ?? [])) {
    const eq = label.indexOf("=");
    const key = eq < 0 ? label : label.slice(0, eq);
    const value = eq < 0 ? undefined : label.slice(eq + 1);
    query = query.where("id", "in", (eb) => {
      const sub = eb.selectFrom("catalog_labels").select("entity_id").where("key", "=", key);
      return value === undefined ? sub : sub.where("value", "=", value);
    });
  }
  const counted = await query
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .executeTakeFirstOrThrow();
  const rows = await query.selectAll().orderBy("name_key").limit(q.limit).offset(q.offset).execute();
  return { rows, total: Number(counted.n) };
}

function escapeLike(text: string): string {
  return text.replace(/[%_]/g, "");
}

export async function labelsOf(
  db: Kysely<Tables>,
  ids: string[],
): Promise<Map<string, Record<string, string>>> {
  const out = new Map<string, Record<string, string>>();
  for (const chunk of chunks(ids, 5000)) {
    const rows = await db.selectFrom("catalog_labels").selectAll().where("entity_id", "in", chunk).execute();
    for (const r of rows) out.set(r.entity_id, { ...out.get(r.entity_id), [r.key]: r.value });
  }
  return out;
}

/**
 * The steps leaving a frontier: toward what the nodes need (`dependencies`) or toward who needs them
 * (`dependents`). One query per chunk of the frontier, on the two edge indexes.
 */
export async function expandFrontier(
  db: Kysely<Tables>,
  frontier: string[],
  direction: "dependencies" | "dependents",
  relations?: string[],
  /** When given, filled with the kind and name of every neighbour that exists (one join, no extra query). */
  names?: Map<string, { kind: string; name: string }>,
): Promise<Step[]> {
  const out: Step[] = [];
  const forward = direction === "dependencies";
  for (const chunk of chunks(frontier, 5000)) {
    let q = db
      .selectFrom("catalog_edges as e")
      .leftJoin("catalog_entities as n", "n.ref_key", forward ? "e.to_key" : "e.from_key")
      .select(["e.from_key", "e.to_key", "e.relation", "n.kind", "n.name"])
      .where(forward ? "e.from_key" : "e.to_key", "in", chunk);
    if (relations && relations.length > 0) q = q.where("e.relation", "in", relations);
    for (const r of await q.execute()) {
      const [node, next] = forward ? [r.from_key, r.to_key] : [r.to_key, r.from_key];
      out.push({ node, next, relation: r.relation });
      if (names && r.kind !== null && r.name !== null) names.set(next, { kind: r.kind, name: r.name });
    }
  }
  return out;
}

/** Every edge, for whole-graph questions (cycles) and the in-memory walk of the benchmark. */
export function allEdges(
  db: Kysely<Tables>,
): Promise<{ from_key: string; to_key: string; relation: string }[]> {
  return db.selectFrom("catalog_edges").select(["from_key", "to_key", "relation"]).execute();
}
