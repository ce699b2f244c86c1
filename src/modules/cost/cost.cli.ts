import { existsSync } from "node:fs";
import { basename, resolve } from "node:path";
import {
  type CliCommand,
  cliContext,
  printJson,
  printTable,
  remoteCall,
  stringOption,
  UsageError,
  withDatabase,
} from "../../platform/cli.ts";
import { type Metric, metrics } from "./cost.query.ts";
import { breakdownQuery } from "./cost.schema.ts";
import { breakdown, listImports } from "./cost.views.ts";
import { type ImportProgress, importFocusFiles } from "./import.service.ts";
import { requestReallocation } from "./reallocate.ts";

/** A one-line progress bar on stderr, drawn only for a person at a terminal. */
function progressBar(): ImportProgress {
  if (!process.stderr.isTTY) return () => {};
  return (stage, done, total) => {
    const width = 30;
    const filled = total === 0 ? width : Math.round((done / total) * width);
    process.stderr.write(
      `\r${stage.padEnd(8)} [${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}/${total}`,
    );
    if (stage === "saving" && done === total) process.stderr.write("\n");
  };
}

export const costCommands: CliCommand[] = [
  {
    name: "cost import",
    summary:
      "import FOCUS billing exports (CSV, .csv.gz, Parquet); a re-imported period replaces the old one",
    usage: "opsdeck cost import FILE... [--json]",
    options: { json: { type: "boolean", default: false } },
    async run(args) {
      if (args.positionals.length === 0) throw new UsageError("give one or more FOCUS export files");
      const files = args.positionals.map((p) => {
        if (!existsSync(p)) throw new UsageError(`no such file: ${p}`);
        return { path: resolve(p), name: basename(p) };
      });
      const imports = await withDatabase((db, config) =>
        importFocusFiles({ db, config }, cliContext(), files, progressBar()),
      );
      if (args.values.json) return printJson({ imports });
      printTable(
        imports.map((i) => ({ ...i, warnings: i.warnings.length, replaced: i.replaced ? "yes" : "" })),
        ["billingAccountId", "periodStart", "rows", "currency", "replaced", "warnings"],
      );
      for (const i of imports)
        for (const w of i.warnings) process.stderr.write(`warning (${i.billingAccountId}): ${w}\n`);
    },
  },
  {
    name: "cost report",
    summary: "spend by team, service, env, subAccount, serviceName, region or tag:KEY",
    usage:
      "opsdeck cost report --from YYYY-MM-DD --to YYYY-MM-DD [--group-by DIM] [--metric effectiveCost|billedCost|listCost] [--json] [--url URL]",
    options: {
      from: { type: "string" },
      to: { type: "string" },
      "group-by": { type: "string", default: "team" },
      metric: { type: "string", default: "effectiveCost" },
      json: { type: "boolean", default: false },
      url: { type: "string" },
    },
    async run(args) {
      const metric = stringOption(args, "metric");
      if (!(metrics as readonly string[]).includes(metric))
        throw new UsageError(`--metric is one of ${metrics.join(", ")}`);
      const parsed = breakdownQuery.safeParse({
        from: stringOption(args, "from"),
        to: stringOption(args, "to"),
        groupBy: stringOption(args, "group-by"),
        metric: metric as Metric,
      });
      if (!parsed.success)
        throw new UsageError(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
      const q = parsed.data;
      const url = stringOption(args, "url", false);
      const result = url
        ? ((await remoteCall(
            url,
            "GET",
            `/api/v1/cost/breakdown?${new URLSearchParams({ from: q.from, to: q.to, groupBy: q.groupBy, metric: q.metric })}`,
          )) as Awaited<ReturnType<typeof breakdown>>)
        : await withDatabase((db, config) => breakdown({ db, config }, q));
      if (args.values.json) return printJson(result);
      printTable(
        [
          ...result.rows,
          { key: "(unallocated)", amount: result.unallocated },
          { key: "TOTAL", amount: result.total },
        ],
        ["key", "amount"],
      );
      if (result.currency) process.stdout.write(`amounts in ${result.currency}\n`);
    },
  },
  {
    name: "cost imports",
    summary: "list billing imports",
    usage: "opsdeck cost imports [--json]",
    options: { json: { type: "boolean", default: false } },
    async run(args) {
      const items = await withDatabase((db) => listImports(db));
      if (args.values.json) return printJson({ items });
      printTable(
        items.map((i) => ({ ...i, warnings: i.warnings.length })),
        ["id", "billingAccountId", "periodStart", "rows", "currency", "importedAt", "warnings"],
      );
    },
  },
  {
    name: "cost reallocate",
    summary: "recompute the daily rollups from the raw rows (a background job run by the server)",
    usage: "opsdeck cost reallocate",
    options: {},
    async run() {
      const job = await withDatabase((db) => requestReallocation(db, cliContext(), "requested from the CLI"));
      process.stdout.write(`reallocation queued as job ${job}\n`);
    },
  },
];
