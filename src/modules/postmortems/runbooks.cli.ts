import {
  type CliCommand,
  printJson,
  printTable,
  remoteCall,
  stringOption,
  UsageError,
  withDatabase,
} from "../../platform/cli.ts";
import type { RunbookDetail, RunbookSummary } from "./runbooks.schema.ts";
import { getRunbook, getRunbookVersion, listRunbooks } from "./runbooks.service.ts";

const json = { type: "boolean" as const, default: false };
const url = { type: "string" as const };

export const runbookCommands: CliCommand[] = [
  {
    name: "runbook list",
    summary: "list runbooks",
    usage: "opsdeck runbook list [--service NAME] [--json] [--url URL]",
    options: { service: { type: "string" }, json, url },
    async run(args) {
      const service = stringOption(args, "service", false) || undefined;
      const base = stringOption(args, "url", false);
      const items = base
        ? (
            (await remoteCall(
              base,
              "GET",
              `/api/v1/runbooks${service ? `?service=${encodeURIComponent(service)}` : ""}`,
            )) as { items: RunbookSummary[] }
          ).items
        : await withDatabase((db) => listRunbooks(db, { service }));
      if (args.values.json) return printJson({ items });
      printTable(
        items.map((r) => ({ ...r, services: r.services.join(","), match: r.match.join(" ") })),
        ["name", "title", "version", "services", "match"],
      );
    },
  },
  {
    name: "runbook show",
    summary: "print a runbook's Markdown (the current version, or --version N)",
    usage: "opsdeck runbook show NAME [--version N] [--json] [--url URL]",
    options: { version: { type: "string" }, json, url },
    async run(args) {
      const name = args.positionals[0];
      if (!name) throw new UsageError("give the runbook name");
      const versionText = stringOption(args, "version", false);
      const version = versionText ? Number(versionText) : undefined;
      if (version !== undefined && !(Number.isInteger(version) && version >= 1))
        throw new UsageError("--version must be a whole number from 1");
      const base = stringOption(args, "url", false);
      const path = `/api/v1/runbooks/${encodeURIComponent(name)}${version ? `/versions/${version}` : ""}`;
      const runbook = base
        ? ((await remoteCall(base, "GET", path)) as RunbookDetail)
        : await withDatabase(async (db) =>
            version
              ? { ...(await getRunbook(db, name)), ...(await getRunbookVersion(db, name, version)) }
              : getRunbook(db, name),
          );
      if (args.values.json) return printJson(runbook);
      process.stdout.write(`${runbook.body.endsWith("\n") ? runbook.body : `${runbook.body}\n`}`);
    },
  },
];
