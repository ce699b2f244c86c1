import { readFileSync } from "node:fs";
import { type CliCommand, cliContext, printJson, remoteCall, UsageError, withDatabase } from "../cli.ts";
import { InputError } from "../errors.ts";
import { applyDocuments, type Change, type Registry } from "./apply.ts";
import { loadManifestPaths, manifestFiles } from "./load.ts";

const symbols: Record<Change["action"], string> = { create: "+", update: "~", unchanged: "=", delete: "-" };

function printChanges(changes: Change[], dryRun: boolean): void {
  for (const c of changes) {
    process.stdout.write(
      `${symbols[c.action]} ${c.action.padEnd(9)} ${c.kind}/${c.name}${c.file ? `  (${c.file}#${c.document})` : ""}\n`,
    );
    for (const f of c.fields ?? []) {
      process.stdout.write(`      ${f.field}: ${JSON.stringify(f.before)} -> ${JSON.stringify(f.after)}\n`);
    }
  }
  const count = (a: Change["action"]) => changes.filter((c) => c.action === a).length;
  process.stdout.write(
    `${dryRun ? "dry run, nothing written: " : ""}${count("create")} to create, ${count("update")} to update, ${count("unchanged")} unchanged, ${count("delete")} to delete\n`,
  );
}

export function applyCommand(registry: () => Registry): CliCommand {
  return {
    name: "apply",
    summary: "apply manifests from files or directories (all or nothing)",
    usage: "opsdeck apply -f FILE|DIR [-f ...] [--dry-run] [--prune] [--json] [--url URL]",
    options: {
      file: { type: "string", short: "f", multiple: true },
      "dry-run": { type: "boolean", default: false },
      prune: { type: "boolean", default: false },
      json: { type: "boolean", default: false },
      url: { type: "string" },
    },
    async run(args) {
      const paths = (args.values.file as string[] | undefined) ?? [];
      if (paths.length === 0) throw new UsageError("give at least one -f FILE|DIR");
      const dryRun = args.values["dry-run"] === true;
      const prune = args.values.prune === true;
      const url = typeof args.values.url === "string" ? args.values.url : undefined;
      let changes: Change[];
      if (url) {
        // The server parses and validates; files are sent as one YAML stream in order.
        const text = manifestFiles(paths)
          .map((p) => readFileSync(p, "utf8"))
          .join("\n---\n");
        const r = (await remoteCall(url, "POST", `/api/v1/apply?dryRun=${dryRun}&prune=${prune}`, {
          contentType: "application/yaml",
          text,
        })) as { changes: Change[] };
        changes = r.changes;
      } else {
        const { documents, issues, notes } = loadManifestPaths(paths, process.cwd());
        // Notes are not errors (e.g. a Location target that is a URL, which apply never fetches).
        for (const note of notes) process.stderr.write(`note: ${note}\n`);
        if (documents.length === 0 && issues.length === 0)
          throw new InputError(`no manifest documents in ${paths.join(", ")}`);
        changes = await withDatabase((db) =>
          applyDocuments(db, cliContext(), documents, registry(), { dryRun, prune }, issues),
        );
      }
      if (args.values.json) printJson({ dryRun, changes });
      else printChanges(changes, dryRun);
    },
  };
}
