import type { Kysely } from "kysely";
import type { z } from "zod";
import type { Tables } from "../../platform/db/tables.ts";
import type { KindHandler } from "../../platform/manifests/kinds.ts";
import { specsOfKind } from "./catalog.repository.ts";
import { type EntitySpec, kindSpecs, manifestKindNames } from "./catalog.schema.ts";
import { putEntity, removeEntity } from "./catalog.service.ts";
import { type CatalogKind, catalogKinds, graphKey } from "./refs.ts";

interface Known {
  /** Stored entities by graph key. */
  stored: Map<string, { kind: string; name: string }>;
  /** This apply's catalog documents by graph key. */
  incoming: Map<string, { kind: CatalogKind; name: string }[]>;
}

/** What the checks need, built once per apply (the `incoming` map is the apply's identity). */
const perApply = new WeakMap<object, Promise<Known>>();

function known(db: Kysely<Tables>, incoming: Map<string, Map<string, unknown>>): Promise<Known> {
  let p = perApply.get(incoming);
  if (!p) {
    const byKey = new Map<string, { kind: CatalogKind; name: string }[]>();
    for (const kind of catalogKinds) {
      for (const name of incoming.get(manifestKindNames[kind])?.keys() ?? []) {
        const key = graphKey({ kind, name });
        byKey.set(key, [...(byKey.get(key) ?? []), { kind, name }]);
      }
    }
    p = db
      .selectFrom("catalog_entities")
      .select(["kind", "name", "ref_key"])
      .execute()
      .then((rows) => ({
        stored: new Map(rows.map((r) => [r.ref_key, { kind: r.kind, name: r.name }])),
        incoming: byKey,
      }));
    perApply.set(incoming, p);
  }
  return p;
}

/**
 * Names are case-insensitive and services share one name space with other components: both rules are
 * checked across the whole apply before anything is written, so the error names file and document.
 */
async function validate(
  db: Kysely<Tables>,
  kind: CatalogKind,
  name: string,
  incoming: Map<string, Map<string, unknown>>,
): Promise<string[]> {
  const issues: string[] = [];
  const key = graphKey({ kind, name });
  const k = await known(db, incoming);
  for (const other of k.incoming.get(key) ?? []) {
    if (other.kind === kind && other.name === name) continue;
    issues.push(
      other.kind === kind
        ? `duplicate ${manifestKindNames[kind]} '${other.name}': names are case-insensitive`
        : `'${name}' is also a ${manifestKindNames[other.kind]} in this apply: services and other components share one name space`,
    );
  }
  const existing = k.stored.get(key);
  const replaced =
    existing && incoming.get(manifestKindNames[existing.kind as CatalogKind])?.has(existing.name);
  if (existing && existing.kind !== kind && !replaced) {
    issues.push(
      `'${name}' already exists as a ${existing.kind}: services and other components share one name space`,
    );
  } else if (existing && existing.kind === kind && existing.name !== name) {
    issues.push(
      `a ${kind} named '${existing.name}' exists: names are case-insensitive, write '${existing.name}'`,
    );
  }
  return issues;
}

function handler(kind: CatalogKind, order: number): KindHandler<EntitySpec> {
  return {
    apiVersion: "opsdeck.dev/v1",
    kind: manifestKindNames[kind],
    order,
    spec: kindSpecs[kind] as unknown as z.ZodType<EntitySpec>,
    current: (db) => specsOfKind(db, kind),
    upsert: (db, ctx, name, spec) => putEntity(db, ctx, kind, name, spec),
    remove: (db, ctx, name) => removeEntity(db, ctx, kind, name),
    validate: (db, name, _spec, incoming) => validate(db, kind, name, incoming),
  };
}

/** `kind: Service`, `Resource`, `System`, `Domain`, `API` and `Component`, applied after users and teams. */
export const catalogKindHandlers: KindHandler[] = [
  handler("domain", 30),
  handler("system", 31),
  handler("resource", 32),
  handler("api", 33),
  handler("component", 34),
  handler("service", 35),
] as KindHandler[];
