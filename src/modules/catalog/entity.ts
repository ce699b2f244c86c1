import type { EntitySpec } from "./catalog.schema.ts";
import { type CatalogKind, graphKey, splitRef } from "./refs.ts";

/** One directed edge of the dependency graph: `from` needs `to`. */
export interface Edge {
  from: string;
  to: string;
  relation: Relation;
}

/**
 * - dependsOn: `from` needs `to` (dependsOn / dependencyOf);
 * - consumesApi: `from` calls the API `to`;
 * - providedBy: the API `from` is served by `to`;
 * - hasPart: the whole `from` (system, domain, parent component) needs its part `to`.
 * Every relation points from what is hurt to what hurts it, so one walk serves every relation.
 */
export const relations = ["dependsOn", "consumesApi", "providedBy", "hasPart"] as const;
export type Relation = (typeof relations)[number];

const key = (ref: string) => graphKey(splitRef(ref));

/** The graph edges an entity's spec declares (pure). */
export function edgesOf(kind: CatalogKind, name: string, spec: EntitySpec): Edge[] {
  const self = graphKey({ kind, name });
  const out: Edge[] = [];
  const add = (from: string, to: string, relation: Relation) => {
    if (!out.some((e) => e.from === from && e.to === to && e.relation === relation))
      out.push({ from, to, relation });
  };
  for (const r of spec.dependsOn ?? []) add(self, key(r), "dependsOn");
  for (const r of spec.dependencyOf ?? []) add(key(r), self, "dependsOn");
  for (const r of spec.consumesApis ?? []) add(self, key(r), "consumesApi");
  for (const r of spec.providesApis ?? []) add(key(r), self, "providedBy");
  for (const r of [spec.subcomponentOf, spec.system, spec.domain, spec.subdomainOf]) {
    if (r) add(key(r), self, "hasPart");
  }
  return out;
}

/** Every reference in a spec with the field that holds it, for reporting unresolved ones. */
export function refFields(spec: EntitySpec): { field: string; ref: string }[] {
  const out: { field: string; ref: string }[] = [];
  for (const field of ["owner", "system", "domain", "subdomainOf", "subcomponentOf"] as const) {
    const r = spec[field];
    if (r) out.push({ field, ref: r });
  }
  for (const field of ["dependsOn", "dependencyOf", "providesApis", "consumesApis"] as const) {
    (spec[field] ?? []).forEach((r, i) => {
      out.push({ field: `${field}.${i}`, ref: r });
    });
  }
  return out;
}

/** A Backstage placeholder (`$text: https://...`) that could not be read when the document was loaded. */
export function unresolvedPlaceholder(spec: EntitySpec): string | undefined {
  const d = spec.definition;
  if (!d || typeof d === "string") return undefined;
  return d.$text ?? d.$json ?? d.$yaml;
}

/** What text search looks through, lower-cased once at write time. */
export function searchText(name: string, spec: EntitySpec): string {
  return [name, spec.displayName ?? "", spec.description, ...spec.tags, ...Object.values(spec.labels)]
    .join(" ")
    .toLowerCase();
}
