import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { type Document, isMap, isSeq, LineCounter, parseAllDocuments, parse as parseYaml } from "yaml";
import type { FieldIssue } from "../errors.ts";
import { nulCharacterPath, nulRefusal } from "../nul-character.ts";

/** A parsed YAML document with what is needed to point at a line later. */
export interface LoadedDocument {
  file: string;
  index: number;
  line: number;
  value: unknown;
  /** Line of the node at a dotted path, or of the document when the path is not in it. */
  lineOf(path: (string | number)[]): number;
}

const manifestExtensions = /\.(ya?ml|json)$/i;

/** Every manifest file under the given files and directories, in a stable order (Locations not followed). */
function walkFiles(paths: string[]): string[] {
  const out: string[] = [];
  const walk = (p: string) => {
    const st = statSync(p);
    if (st.isDirectory()) {
      for (const entry of readdirSync(p).sort()) {
        if (!entry.startsWith(".")) walk(join(p, entry));
      }
    } else if (manifestExtensions.test(p) || paths.includes(p)) {
      out.push(p);
    }
  };
  for (const p of paths) walk(p);
  return out;
}

/**
 * Every manifest file `opsdeck apply -f` reads for these paths: the files and directories given, and
 * the files their Backstage Locations point at, each once.
 */
export function manifestFiles(paths: string[]): string[] {
  return collect(paths, process.cwd()).files;
}

/** Parses every document of a YAML (or JSON) text; syntax errors come back as issues with lines. */
export function parseManifestText(
  text: string,
  file: string,
): { documents: LoadedDocument[]; issues: FieldIssue[] } {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const documents: LoadedDocument[] = [];
  const issues: FieldIssue[] = [];
  const list = Array.isArray(docs) ? docs : [];
  if (!Array.isArray(docs)) {
    issues.push({ file, path: "(file)", message: "not a YAML stream", line: 1 });
  }
  let index = 0;
  list.forEach((doc: Document.Parsed) => {
    index++;
    const docLine = lineCounter.linePos(doc.range[0]).line;
    for (const e of doc.errors) {
      issues.push({
        file,
        document: index,
        line: lineCounter.linePos(e.pos[0]).line,
        path: "(syntax)",
        message: e.message.split("\n")[0] ?? e.message,
      });
    }
    if (doc.errors.length > 0) return;
    if (doc.contents === null) return; // an empty document between separators
    const value = doc.toJS({ maxAliasCount: 100 });
    // A YAML list of manifests (how the OpenSLO SDK writes its examples): each item is a document of its own.
    if (
      isSeq(doc.contents) &&
      doc.contents.items.length > 0 &&
      doc.contents.items.every((item) => isMap(item))
    ) {
      const items = doc.contents.items;
      items.forEach((item, j) => {
        if (j > 0) index++;
        const itemLine = item.range ? lineCounter.linePos(item.range[0]).line : docLine;
        documents.push({
          file,
          index,
          line: itemLine,
          value: (value as unknown[])[j],
          lineOf(path) {
            for (let n = path.length; n > 0; n--) {
              const node = doc.getIn([j, ...path.slice(0, n)], true) as
                | { range?: [number, number, number] }
                | undefined;
              if (node && typeof node === "object" && node.range)
                return lineCounter.linePos(node.range[0]).line;
            }
            return itemLine;
          },
        });
      });
      return;
    }
    documents.push({
      file,
      index,
      line:
        isMap(doc.contents) && doc.contents.range ? lineCounter.linePos(doc.contents.range[0]).line : docLine,
      value,
      lineOf(path) {
        for (let n = path.length; n > 0; n--) {
          const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
          if (node && typeof node === "object" && node.range) return lineCounter.linePos(node.range[0]).line;
        }
        return docLine;
      },
    });
  });
  for (const d of documents) {
    const at = nulCharacterPath(d.value);
    if (at)
      issues.push({ file, document: d.index, line: d.lineOf(at), path: at.join("."), message: nulRefusal });
  }
  return { documents, issues };
}

/** Reads the files and directories given to `opsdeck apply -f`. File names are shown relative to `cwd`. */
export function loadManifestPaths(
  paths: string[],
  cwd: string,
): { documents: LoadedDocument[]; issues: FieldIssue[]; notes: string[] } {
  const { documents, issues, notes } = collect(paths, cwd);
  return { documents, issues, notes };
}

const isUrl = (target: string) => /^[a-z][a-z0-9+.-]*:\/\//i.test(target);
const isBackstage = (v: unknown): v is Record<string, unknown> =>
  !!v &&
  typeof v === "object" &&
  typeof (v as { apiVersion?: unknown }).apiVersion === "string" &&
  (v as { apiVersion: string }).apiVersion.startsWith("backstage.io/");

/** The `spec.target` / `spec.targets` of a Backstage Location document, with where each is written. */
function locationTargets(value: unknown): { target: string; path: (string | number)[] }[] {
  if (!isBackstage(value) || value.kind !== "Location") return [];
  const spec = (value.spec ?? {}) as { target?: unknown; targets?: unknown };
  const out: { target: string; path: (string | number)[] }[] = [];
  if (typeof spec.target === "string") out.push({ target: spec.target, path: ["spec", "target"] });
  if (Array.isArray(spec.targets))
    spec.targets.forEach((t, i) => {
      if (typeof t === "string") out.push({ target: t, path: ["spec", "targets", i] });
    });
  return out;
}

/**
 * Backstage's `$text`, `$json` and `$yaml` placeholders that name a file beside the document are read
 * here, as Backstage reads them when it ingests. URLs are not fetched: the placeholder stays as it is and
 * the catalog reports it as unresolved.
 */
function resolvePlaceholders(value: unknown, dir: string): unknown {
  if (Array.isArray(value)) return value.map((v) => resolvePlaceholders(v, dir));
  if (!value || typeof value !== "object") return value;
  const entries = Object.entries(value as Record<string, unknown>);
  const [only] = entries;
  if (
    entries.length === 1 &&
    only &&
    ["$text", "$json", "$yaml"].includes(only[0]) &&
    typeof only[1] === "string"
  ) {
    const [how, target] = only as [string, string];
    const file = resolve(dir, target);
    if (isUrl(target) || !existsSync(file) || !statSync(file).isFile()) return value;
    const text = readFileSync(file, "utf8");
    try {
      return how === "$text" ? text : how === "$json" ? JSON.parse(text) : parseYaml(text);
    } catch {
      return value;
    }
  }
  return Object.fromEntries(entries.map(([k, v]) => [k, resolvePlaceholders(v, dir)]));
}

/**
 * Parses the given files and, depth first, the files their Backstage Locations name (relative targets
 * resolve against the Location's own file). Each file is read once, which also stops Location loops.
 * A target that does not exist is an issue; a URL target is not fetched and comes back as a note.
 */
function collect(
  paths: string[],
  cwd: string,
): { files: string[]; documents: LoadedDocument[]; issues: FieldIssue[]; notes: string[] } {
  const files: string[] = [];
  const documents: LoadedDocument[] = [];
  const issues: FieldIssue[] = [];
  const notes: string[] = [];
  const seen = new Set<string>();
  const load = (path: string) => {
    const absolute = resolve(cwd, path);
    if (seen.has(absolute)) return;
    seen.add(absolute);
    files.push(path);
    const shown = relative(cwd, absolute) || path;
    const r = parseManifestText(readFileSync(absolute, "utf8"), shown);
    issues.push(...r.issues);
    for (const d of r.documents) {
      if (isBackstage(d.value)) d.value = resolvePlaceholders(d.value, dirname(absolute));
      documents.push(d);
      for (const { target, path: at } of locationTargets(d.value)) {
        const where = `${shown} document ${d.index}: ${at.join(".")}`;
        if (isUrl(target)) {
          notes.push(`${where}: ${target} is a URL; opsdeck does not fetch Location targets`);
          continue;
        }
        const next = resolve(dirname(absolute), target);
        if (!existsSync(next)) {
          issues.push({
            file: shown,
            document: d.index,
            line: d.lineOf(at),
            path: at.join("."),
            message: `Location target ${target} does not exist (looked for ${relative(cwd, next) || next})`,
          });
          continue;
        }
        for (const f of walkFiles([next])) load(f);
      }
    }
  };
  for (const p of walkFiles(paths)) load(p);
  return { files, documents, issues, notes };
}
