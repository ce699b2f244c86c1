import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { type Document, isMap, LineCounter, parseAllDocuments } from "yaml";
import type { FieldIssue } from "../errors.ts";

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

/** Every manifest file under the given files and directories, in a stable order. */
export function manifestFiles(paths: string[]): string[] {
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
  list.forEach((doc: Document.Parsed, i) => {
    const index = i + 1;
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
  return { documents, issues };
}

/** Reads the files and directories given to `opsdeck apply -f`. File names are shown relative to `cwd`. */
export function loadManifestPaths(
  paths: string[],
  cwd: string,
): { documents: LoadedDocument[]; issues: FieldIssue[] } {
  const documents: LoadedDocument[] = [];
  const issues: FieldIssue[] = [];
  for (const path of manifestFiles(paths)) {
    const shown = relative(cwd, path) || path;
    const r = parseManifestText(readFileSync(path, "utf8"), shown);
    documents.push(...r.documents);
    issues.push(...r.issues);
  }
  return { documents, issues };
}
