import type { DocumentTranslator, SourcedDocument } from "../../platform/manifests/kinds.ts";
import { combineBackstage } from "./backstage.combine.ts";
import { manifestKindNames } from "./catalog.schema.ts";
import { parseDuration } from "./durations.ts";
import { type CatalogKind, foldName, formatRef, parseRef, type RefKind } from "./refs.ts";

/**
 * Backstage `backstage.io/v1alpha1` documents as opsdeck documents (see docs/catalog.md, "Backstage"):
 * Component of type service or website -> Service, any other Component -> Component, Resource, System,
 * Domain and API -> the opsdeck kind of the same name, Group -> Team, User -> User (its opsdeck role is
 * never touched), Location -> nothing (the file loader follows its targets). Names and refs are
 * lower-cased; tier, RTO and RPO come from `opsdeck.dev/*` annotations; unknown spec fields are ignored,
 * as Backstage ignores them.
 */
export const backstageApiVersion = "backstage.io/v1alpha1";
export const opsdeckApiVersion = "opsdeck.dev/v1";

type Failure = { error: string; path: string };
class Refused extends Error {
  readonly path: string;
  constructor(path: string, message: string) {
    super(message);
    this.path = path;
  }
}

type Raw = Record<string, unknown>;
const obj = (v: unknown): Raw => (v && typeof v === "object" && !Array.isArray(v) ? (v as Raw) : {});
const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);

function refs(
  spec: Raw,
  field: string,
  defaultKind: RefKind | undefined,
  namespace: string,
): string[] | undefined {
  const v = spec[field];
  if (v === undefined || v === null) return undefined;
  const list = Array.isArray(v) ? v : [v];
  return list.map((item, i) => {
    const path = Array.isArray(v) ? `spec.${field}.${i}` : `spec.${field}`;
    if (typeof item !== "string") throw new Refused(path, "must be an entity reference string");
    const r = parseRef(item, { defaultKind, defaultNamespace: namespace });
    if (!r.ok) throw new Refused(path, r.message);
    return formatRef(r.ref);
  });
}

const one = (spec: Raw, field: string, kind: RefKind, ns: string) => refs(spec, field, kind, ns)?.[0];

function annotation(meta: Raw, key: string): string | undefined {
  return str(obj(meta.annotations)[key]);
}

/** The parts every catalog kind shares: names, text, labels, tags, links (runbook links split out). */
function metadataFields(doc: SourcedDocument, meta: Raw) {
  const links = Array.isArray(meta.links) ? (meta.links as Raw[]) : [];
  const isRunbook = (l: Raw) => l.type === "runbook" || /runbook/i.test(String(l.title ?? ""));
  const runbookAnnotation = annotation(meta, "opsdeck.dev/runbook");
  const title = str(meta.title);
  return {
    ...(title
      ? { displayName: title }
      : doc.name !== doc.name.toLowerCase()
        ? { displayName: doc.name }
        : {}),
    description: str(meta.description) ?? "",
    labels: obj(meta.labels),
    tags: Array.isArray(meta.tags) ? meta.tags : [],
    links: links.filter((l) => !isRunbook(l)),
    runbooks: [
      ...(runbookAnnotation ? [{ url: runbookAnnotation, title: "Runbook" }] : []),
      ...links.filter(isRunbook),
    ],
  };
}

function durationAnnotation(meta: Raw, key: string): string | undefined {
  const v = annotation(meta, key);
  if (v === undefined) return undefined;
  const r = parseDuration(v);
  if (!r.ok) throw new Refused(`metadata.annotations.${key}`, r.message);
  return r.iso;
}

function tierAnnotation(meta: Raw): number | undefined {
  const v = annotation(meta, "opsdeck.dev/tier");
  if (v === undefined) return undefined;
  if (!/^[1-4]$/.test(v.trim()))
    throw new Refused(
      "metadata.annotations.opsdeck.dev/tier",
      `tier '${v}' must be 1, 2, 3 or 4 (1 is the most critical)`,
    );
  return Number(v);
}

/** A Backstage API definition: text, or a `$text`/`$json`/`$yaml` placeholder the loader could not read. */
function definition(v: unknown): unknown {
  if (v === undefined || typeof v === "string") return v;
  const o = obj(v);
  const keys = Object.keys(o);
  if (keys.length === 1 && ["$text", "$json", "$yaml"].includes(keys[0] ?? "")) return o;
  return JSON.stringify(v, null, 2);
}

function catalogSpec(kind: CatalogKind, doc: SourcedDocument, meta: Raw, spec: Raw, ns: string): Raw {
  const base: Raw = { ...metadataFields(doc, meta), owner: one(spec, "owner", "group", ns) };
  const type = str(spec.type);
  const lifecycle = str(spec.lifecycle);
  const system = one(spec, "system", "system", ns);
  if (kind === "service" || kind === "component") {
    Object.assign(base, {
      type: type ?? (kind === "service" ? "service" : "other"),
      lifecycle,
      system,
      subcomponentOf: one(spec, "subcomponentOf", "component", ns),
      dependsOn: refs(spec, "dependsOn", undefined, ns),
      dependencyOf: refs(spec, "dependencyOf", undefined, ns),
      providesApis: refs(spec, "providesApis", "api", ns),
      consumesApis: refs(spec, "consumesApis", "api", ns),
    });
    if (kind === "service") {
      Object.assign(base, {
        tier: tierAnnotation(meta),
        rto: durationAnnotation(meta, "opsdeck.dev/rto"),
        rpo: durationAnnotation(meta, "opsdeck.dev/rpo"),
      });
    } else delete base.runbooks;
  } else if (kind === "resource") {
    Object.assign(base, {
      type: type ?? "other",
      lifecycle,
      system,
      dependsOn: refs(spec, "dependsOn", undefined, ns),
      dependencyOf: refs(spec, "dependencyOf", undefined, ns),
    });
  } else if (kind === "system") {
    Object.assign(base, { type, domain: one(spec, "domain", "domain", ns) });
    delete base.runbooks;
  } else if (kind === "domain") {
    Object.assign(base, { type, subdomainOf: one(spec, "subdomainOf", "domain", ns) });
    delete base.runbooks;
  } else {
    Object.assign(base, {
      type: type ?? "other",
      lifecycle,
      system,
      definition: definition(spec.definition),
    });
    delete base.runbooks;
  }
  return Object.fromEntries(Object.entries(base).filter(([, v]) => v !== undefined));
}

const simpleKinds: Record<string, CatalogKind> = {
  Resource: "resource",
  System: "system",
  Domain: "domain",
  API: "api",
};
const known = ["Component", "Resource", "System", "Domain", "API", "Group", "User", "Location"];

function translate(doc: SourcedDocument): SourcedDocument[] {
  const meta = obj(doc.raw.metadata);
  const spec = obj(doc.raw.spec);
  const ns = str(meta.namespace) ?? "default";
  const nameCheck = parseRef(`user:${ns}/${doc.name}`);
  if (!nameCheck.ok) throw new Refused("metadata.namespace", nameCheck.message);
  const name = foldName(ns, doc.name);
  const out = (apiVersion: string, kind: string, s: Raw): SourcedDocument[] => [
    { ...doc, apiVersion, kind, name, spec: s },
  ];
  if (doc.kind === "Location") return [];
  if (doc.kind === "Component") {
    const type = str(spec.type)?.toLowerCase();
    const kind: CatalogKind = type === "service" || type === "website" ? "service" : "component";
    return out(opsdeckApiVersion, manifestKindNames[kind], catalogSpec(kind, doc, meta, spec, ns));
  }
  const simple = simpleKinds[doc.kind];
  if (simple)
    return out(opsdeckApiVersion, manifestKindNames[simple], catalogSpec(simple, doc, meta, spec, ns));
  if (doc.kind === "Group") {
    const profile = obj(spec.profile);
    const parent = one(spec, "parent", "group", ns);
    const team: Raw = {
      displayName: str(profile.displayName) ?? str(meta.title) ?? (doc.name !== name ? doc.name : undefined),
      description: str(meta.description) ?? "",
      email: str(profile.email),
      parent: parent?.slice("group:".length),
      members: (refs(spec, "members", "user", ns) ?? []).map((r) => r.slice(r.indexOf(":") + 1)),
      // Resolved against the other documents of the apply, then dropped (see backstage.combine.ts).
      children: (refs(spec, "children", "group", ns) ?? []).map((r) => r.slice(r.indexOf(":") + 1)),
    };
    return out(
      opsdeckApiVersion,
      "Team",
      Object.fromEntries(Object.entries(team).filter(([, v]) => v !== undefined)),
    );
  }
  if (doc.kind === "User") {
    const profile = obj(spec.profile);
    const user: Raw = {
      // opsdeck users sign in by email; a Backstage user without one gets an address that cannot receive mail.
      email: str(profile.email) ?? `${name}@backstage.invalid`,
      displayName: str(profile.displayName) ?? (doc.name !== name ? doc.name : undefined),
      memberOf: (refs(spec, "memberOf", "group", ns) ?? []).map((r) => r.slice(r.indexOf(":") + 1)),
    };
    return out(
      backstageApiVersion,
      "User",
      Object.fromEntries(Object.entries(user).filter(([, v]) => v !== undefined)),
    );
  }
  throw new Refused("kind", `unknown Backstage kind '${doc.kind}' (opsdeck reads ${known.join(", ")})`);
}

/** The translator registered for `backstage.io/v1alpha1`, with the cross-document step apply runs after it. */
export const backstageTranslator: DocumentTranslator & { combine: typeof combineBackstage } = Object.assign(
  (doc: SourcedDocument): SourcedDocument[] | Failure => {
    try {
      return translate(doc);
    } catch (error) {
      if (error instanceof Refused) return { error: error.message, path: error.path };
      throw error;
    }
  },
  { combine: combineBackstage },
);
