/**
 * Entity references: `[kind:][namespace/]name`, Backstage's format. opsdeck has one namespace, so:
 * - names and namespaces are compared case-insensitively, as Backstage does: both are lower-cased here
 *   (the original spelling survives as the entity's displayName);
 * - `default` (or no namespace) is dropped; any other namespace is folded into the name as
 *   `namespace.name`, which keeps `user:development/guest` distinct from `user:guest`.
 * A Service is what Backstage calls a Component of type service, so `component:x` and `service:x`
 * address the same graph node (see `graphKey`).
 */

/** Entity kinds the catalog stores, spelled as the API spells them. */
export const catalogKinds = ["service", "resource", "system", "domain", "api", "component"] as const;
export type CatalogKind = (typeof catalogKinds)[number];

/** Kinds a reference may name: the catalog's, plus groups (opsdeck teams) and users. */
export const refKinds = [...catalogKinds, "group", "user"] as const;
export type RefKind = (typeof refKinds)[number];

/** opsdeck spellings that Backstage does not have. */
const kindAliases: Record<string, RefKind> = { team: "group" };

export interface EntityRef {
  kind: RefKind;
  /** Lower case, namespace folded in. */
  name: string;
}

export type RefResult = { ok: true; ref: EntityRef } | { ok: false; message: string };

/** Backstage's entity name rule (letters and digits separated by single `-`, `_` or `.`, at most 63). */
export const namePattern = /^[a-zA-Z0-9]+([-_.][a-zA-Z0-9]+)*$/;
/** Backstage namespaces are DNS labels. */
const namespacePattern = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const refPattern = /^(?:([A-Za-z][A-Za-z0-9-]*):)?(?:([A-Za-z0-9-]+)\/)?([^:/]+)$/;

export function isCatalogKind(kind: string): kind is CatalogKind {
  return (catalogKinds as readonly string[]).includes(kind);
}

/** The opsdeck name of a Backstage (namespace, name): lower case, non-default namespaces folded in. */
export function foldName(namespace: string | undefined, name: string): string {
  const ns = (namespace ?? "default").toLowerCase();
  const n = name.toLowerCase();
  return ns === "default" ? n : `${ns}.${n}`;
}

/**
 * Parses a reference. `defaultKind` is Backstage's default for the field (owner: group, system:
 * system, ...); without one the kind must be written, as Backstage requires for `dependsOn`.
 */
export function parseRef(
  text: string,
  options: { defaultKind?: RefKind; allowed?: readonly RefKind[]; defaultNamespace?: string } = {},
): RefResult {
  const m = refPattern.exec(text.trim());
  if (!m) return { ok: false, message: `'${text}' is not a reference of the form [kind:][namespace/]name` };
  const [, rawKind, rawNamespace, rawName = ""] = m;
  const lowered = rawKind?.toLowerCase();
  const kind = lowered ? (kindAliases[lowered] ?? lowered) : options.defaultKind;
  if (!kind) {
    return {
      ok: false,
      message: `'${text}' names no kind: write it as KIND:NAME, e.g. service:${rawName} or resource:${rawName}`,
    };
  }
  const allowed = options.allowed ?? refKinds;
  if (!(allowed as readonly string[]).includes(kind)) {
    return {
      ok: false,
      message: `unknown kind '${rawKind}' in '${text}' (expected one of: ${allowed.join(", ")})`,
    };
  }
  if (rawName.length > 63 || !namePattern.test(rawName)) {
    return { ok: false, message: `'${rawName}' in '${text}' breaks the entity name rule (Backstage's)` };
  }
  const namespace = (rawNamespace ?? options.defaultNamespace ?? "default").toLowerCase();
  if (namespace.length > 63 || !namespacePattern.test(namespace)) {
    return { ok: false, message: `namespace '${rawNamespace}' in '${text}' is not a DNS label` };
  }
  const name = foldName(namespace, rawName);
  if (name.length > 63) {
    return { ok: false, message: `'${text}' is longer than 63 characters once its namespace is folded in` };
  }
  return { ok: true, ref: { kind: kind as RefKind, name } };
}

export function formatRef(ref: EntityRef): string {
  return `${ref.kind}:${ref.name}`;
}

/** Splits a ref this module formatted itself (`kind:name`). */
export function splitRef(text: string): EntityRef {
  const i = text.indexOf(":");
  return { kind: text.slice(0, i) as RefKind, name: text.slice(i + 1) };
}

/** The graph node a ref points at: services and other components share one name space. */
export function graphKey(ref: EntityRef): string {
  return `${ref.kind === "component" ? "service" : ref.kind}:${ref.name.toLowerCase()}`;
}
