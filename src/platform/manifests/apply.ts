import type { Kysely } from "kysely";
import { z } from "zod";
import { recordAudit } from "../audit/index.ts";
import { toIso } from "../clock.ts";
import type { ActionContext } from "../context.ts";
import type { Database } from "../db/database.ts";
import type { Tables } from "../db/tables.ts";
import { type FieldIssue, InputError } from "../errors.ts";
import { entityName } from "../schema-common.ts";
import type { DocumentTranslator, KindHandler, SourcedDocument } from "./kinds.ts";
import type { LoadedDocument } from "./load.ts";

export type ChangeAction = "create" | "update" | "unchanged" | "delete";

export interface Change {
  action: ChangeAction;
  kind: string;
  name: string;
  file: string | null;
  document: number | null;
  /** For updates: the top-level spec fields that differ. */
  fields?: { field: string; before: unknown; after: unknown }[];
}

export interface ApplyOptions {
  dryRun: boolean;
  prune: boolean;
}

export interface Registry {
  kinds: KindHandler[];
  translators: Record<string, DocumentTranslator>;
}

const envelope = z.object({
  apiVersion: z.string().min(1),
  kind: z.string().min(1),
  metadata: z.object({ name: entityName }).loose(),
  spec: z.unknown().optional(),
});

const keyOf = (kind: string, name: string) => `${kind}/${name}`;

/**
 * A translator may also need to see every document it produced in one apply: Backstage declares team
 * membership on either side (Group.spec.members, User.spec.memberOf). `combine` runs once, after every
 * document of its apiVersion was translated, and returns the documents to validate instead.
 */
export type CombiningTranslator = DocumentTranslator & {
  combine?(docs: SourcedDocument[]): SourcedDocument[];
};

/** A document whose envelope and spec are valid, with the way to point at the line of one of its fields. */
interface ValidDocument {
  doc: SourcedDocument;
  handler: KindHandler;
  spec: unknown;
  lineOf: LoadedDocument["lineOf"];
}

/** Checks the envelope, translates foreign documents and validates each spec; collects every issue. */
export function validateDocuments(
  loaded: LoadedDocument[],
  registry: Registry,
): { docs: ValidDocument[]; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const out: ValidDocument[] = [];
  const seen = new Map<string, SourcedDocument>();
  const issueAt = (l: LoadedDocument) => (path: (string | number)[], message: string) =>
    issues.push({
      file: l.file,
      document: l.index,
      line: l.lineOf(path),
      path: path.join(".") || "(document)",
      message,
    });
  // 1. envelope and translation, document by document
  const translated: { doc: SourcedDocument; loaded: LoadedDocument; by?: CombiningTranslator }[] = [];
  for (const l of loaded) {
    const at = issueAt(l);
    if (l.value === null || typeof l.value !== "object" || Array.isArray(l.value)) {
      at([], "a manifest document must be a mapping with apiVersion, kind, metadata and spec");
      continue;
    }
    const env = envelope.safeParse(l.value);
    if (!env.success) {
      for (const i of env.error.issues) at(i.path.map(String), i.message);
      continue;
    }
    const sourced: SourcedDocument = {
      apiVersion: env.data.apiVersion,
      kind: env.data.kind,
      name: env.data.metadata.name,
      spec: env.data.spec ?? {},
      raw: l.value as Record<string, unknown>,
      file: l.file,
      index: l.index,
      line: l.line,
    };
    const translator = registry.translators[sourced.apiVersion] as CombiningTranslator | undefined;
    if (!translator) {
      translated.push({ doc: sourced, loaded: l });
      continue;
    }
    const t = translator(sourced);
    if ("error" in t) {
      at(t.path.split(".").filter(Boolean), t.error);
      continue;
    }
    for (const doc of t) translated.push({ doc, loaded: l, by: translator });
  }
  // 2. the cross-document step of translators that have one (each sees only its own documents)
  let combined = translated;
  for (const translator of new Set(translated.map((t) => t.by))) {
    if (!translator?.combine) continue;
    const mine = combined.filter((t) => t.by === translator);
    const loadedOf = new Map(mine.map((t) => [`${t.doc.file}#${t.doc.index}`, t.loaded]));
    const result = translator.combine(mine.map((t) => t.doc)).flatMap((doc) => {
      const l = loadedOf.get(`${doc.file}#${doc.index}`);
      return l ? [{ doc, loaded: l }] : [];
    });
    combined = [...combined.filter((t) => t.by !== translator), ...result];
  }
  const order = new Map(loaded.map((l, i) => [l, i]));
  combined.sort((a, b) => (order.get(a.loaded) ?? 0) - (order.get(b.loaded) ?? 0));
  // 3. kind, spec and duplicates
  for (const { doc, loaded: l } of combined) {
    const at = issueAt(l);
    const handler = registry.kinds.find((k) => k.apiVersion === doc.apiVersion && k.kind === doc.kind);
    if (!handler) {
      const known = registry.kinds.map((k) => `${k.apiVersion} ${k.kind}`).join(", ");
      at(["kind"], `unknown kind '${doc.kind}' for apiVersion '${doc.apiVersion}' (known: ${known})`);
      continue;
    }
    const parsed = handler.spec.safeParse(doc.spec);
    if (!parsed.success) {
      for (const i of parsed.error.issues) {
        const keys = "keys" in i && Array.isArray(i.keys) ? `: ${i.keys.join(", ")}` : "";
        at(["spec", ...i.path.map((p) => (typeof p === "number" ? p : String(p)))], `${i.message}${keys}`);
      }
      continue;
    }
    const reserved = handler.reservedNames?.[doc.name];
    if (reserved) {
      at(["metadata", "name"], `${doc.kind} name '${doc.name}' is reserved: ${reserved}`);
      continue;
    }
    const key = keyOf(doc.kind, doc.name);
    const first = seen.get(key);
    if (first) {
      at(
        ["metadata", "name"],
        `duplicate ${doc.kind} '${doc.name}' (first in ${first.file} document ${first.index})`,
      );
      continue;
    }
    seen.set(key, doc);
    // A translated document's fields are not where its source's are: its problems point at the document.
    const translated = (l.value as { apiVersion?: unknown }).apiVersion !== doc.apiVersion;
    out.push({ doc, handler, spec: parsed.data, lineOf: translated ? () => doc.line : l.lineOf });
  }
  // Issues of the three steps above, back in the order of the documents they name (sort is stable).
  const position = new Map(loaded.map((l, i) => [`${l.file}#${l.index}`, i]));
  issues.sort(
    (a, b) => (position.get(`${a.file}#${a.document}`) ?? 0) - (position.get(`${b.file}#${b.document}`) ?? 0),
  );
  return { docs: out, issues };
}

/** The apply's refusal: every problem by file, line, document and field; nothing was applied. */
function refusal(issues: FieldIssue[]): InputError {
  const text = issues.map(
    (i) =>
      `${i.file ?? "(input)"}${i.line ? `:${i.line}` : ""} document ${i.document ?? "?"}: ${i.path}: ${i.message}`,
  );
  return new InputError(`nothing was applied; ${issues.length} problem(s):\n${text.join("\n")}`, issues);
}

/** Stable JSON: key order must not make two equal specs look different. */
function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, value) =>
    value && typeof value === "object" && !Array.isArray(value)
      ? Object.fromEntries(
          Object.entries(value)
            .filter(([, x]) => x !== undefined)
            .sort(([a], [b]) => a.localeCompare(b)),
        )
      : value,
  );
}

function changedFields(
  before: unknown,
  after: unknown,
): { field: string; before: unknown; after: unknown }[] {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].sort();
  return keys
    .filter((k) => canonical(b[k]) !== canonical(a[k]))
    .map((k) => ({ field: k, before: b[k], after: a[k] }));
}

/**
 * Validates, diffs and (unless dry-run) applies every document in one transaction: all or nothing.
 * With `prune`, objects that an earlier apply created and that are no longer in the input are deleted.
 */
export async function applyDocuments(
  db: Database,
  ctx: ActionContext,
  loaded: LoadedDocument[],
  registry: Registry,
  options: ApplyOptions,
  parseIssues: FieldIssue[] = [],
): Promise<Change[]> {
  const { docs, issues } = validateDocuments(loaded, registry);
  const all = [...parseIssues, ...issues];
  if (all.length > 0) throw refusal(all);
  const plan = async (trx: Kysely<Tables>) => computePlan(trx, docs, registry, options.prune);
  if (options.dryRun) {
    const { changes, crossIssues } = await plan(db.read);
    if (crossIssues.length > 0) throw refusal(crossIssues);
    return changes;
  }
  return db.write(async (trx) => {
    const { changes, crossIssues } = await plan(trx);
    if (crossIssues.length > 0) throw refusal(crossIssues);
    const ordered = [...docs].sort((a, b) => a.handler.order - b.handler.order);
    const byKey = new Map(changes.map((c) => [keyOf(c.kind, c.name), c]));
    const now = toIso(ctx.clock.now());
    for (const d of ordered) {
      const change = byKey.get(keyOf(d.doc.kind, d.doc.name));
      if (change && change.action !== "unchanged") {
        await d.handler.upsert(trx, ctx, d.doc.name, d.spec, change.action === "update");
      }
      await trx
        .deleteFrom("applied_objects")
        .where("kind", "=", d.doc.kind)
        .where("name", "=", d.doc.name)
        .execute();
      await trx
        .insertInto("applied_objects")
        .values({ kind: d.doc.kind, name: d.doc.name, applied_at: now })
        .execute();
    }
    const deletions = changes.filter((c) => c.action === "delete");
    const handlerOf = (kind: string) => registry.kinds.find((k) => k.kind === kind);
    deletions.sort((a, b) => (handlerOf(b.kind)?.order ?? 0) - (handlerOf(a.kind)?.order ?? 0));
    for (const c of deletions) {
      await handlerOf(c.kind)?.remove(trx, ctx, c.name);
      await trx.deleteFrom("applied_objects").where("kind", "=", c.kind).where("name", "=", c.name).execute();
    }
    const counts = Object.fromEntries(
      ["create", "update", "unchanged", "delete"].map((a) => [
        a,
        changes.filter((c) => c.action === a).length,
      ]),
    );
    await recordAudit(trx, ctx, {
      action: "manifests.apply",
      entityType: "manifests",
      entityId: "apply",
      after: { ...counts, prune: options.prune },
    });
    return changes;
  });
}

async function computePlan(
  db: Kysely<Tables>,
  docs: ValidDocument[],
  registry: Registry,
  prune: boolean,
): Promise<{ changes: Change[]; crossIssues: FieldIssue[] }> {
  const kinds = new Set(docs.map((d) => d.handler));
  if (prune) for (const k of registry.kinds) kinds.add(k);
  // Keyed by handler: two apiVersions may both have a kind named User (opsdeck's and Backstage's).
  const current = new Map<KindHandler, Map<string, unknown>>();
  for (const k of kinds) current.set(k, (await k.current(db)) as Map<string, unknown>);
  const incoming = new Map<string, Map<string, unknown>>();
  for (const d of docs) {
    const m = incoming.get(d.doc.kind) ?? new Map<string, unknown>();
    m.set(d.doc.name, d.spec);
    incoming.set(d.doc.kind, m);
  }
  const changes: Change[] = [];
  const crossIssues: FieldIssue[] = [];
  for (const d of docs) {
    const before = current.get(d.handler)?.get(d.doc.name);
    const base = { kind: d.doc.kind, name: d.doc.name, file: d.doc.file, document: d.doc.index };
    if (before === undefined) changes.push({ ...base, action: "create" });
    else if (canonical(before) === canonical(d.spec)) changes.push({ ...base, action: "unchanged" });
    else changes.push({ ...base, action: "update", fields: changedFields(before, d.spec) });
    for (const problem of (await d.handler.validate?.(db, d.doc.name, d.spec, incoming)) ?? []) {
      const at = { file: d.doc.file, document: d.doc.index };
      crossIssues.push(
        typeof problem === "string"
          ? { ...at, line: d.doc.line, path: "spec", message: problem }
          : { ...at, line: d.lineOf(problem.path.split(".")), ...problem },
      );
    }
  }
  if (prune) {
    const applied = await db.selectFrom("applied_objects").selectAll().execute();
    for (const a of applied) {
      const exists = [...current].some(([k, m]) => k.kind === a.kind && m.has(a.name));
      if (!incoming.get(a.kind)?.has(a.name) && exists) {
        changes.push({ action: "delete", kind: a.kind, name: a.name, file: null, document: null });
      }
    }
  }
  return { changes, crossIssues };
}
