import { readFile } from "node:fs/promises";
import {
  type CliCommand,
  cliContext,
  printJson,
  remoteCall,
  stringOption,
  UsageError,
  withDatabase,
} from "../../platform/cli.ts";
import { InputError } from "../../platform/errors.ts";
import { type ImportResult, importIncidentHistory } from "./history-import.ts";

/** The CLI prints failures as one line; an import's row errors are the part a person needs. */
function printIssues(error: unknown): void {
  if (!(error instanceof InputError)) return;
  for (const i of error.issues) process.stderr.write(`  ${i.path}: ${i.message}\n`);
}

export const historyImportCommands: CliCommand[] = ["incidents import", "incident import"].map((name) => ({
  name,
  summary: "import incident history from a CSV file (all or nothing; imported incidents never page)",
  usage: `opsdeck ${name} FILE.csv [--json] [--url URL]`,
  options: { json: { type: "boolean", default: false }, url: { type: "string" } },
  async run(args) {
    const file = args.positionals[0];
    if (!file) throw new UsageError("give the CSV file to import");
    const text = await readFile(file, "utf8");
    const url = stringOption(args, "url", false);
    let result: ImportResult;
    try {
      result = url
        ? ((await remoteCall(url, "POST", "/api/v1/incidents/import", {
            contentType: "text/csv",
            text,
          })) as ImportResult)
        : await withDatabase((db) => importIncidentHistory(db, cliContext(), text, file));
    } catch (error) {
      printIssues(error);
      throw error;
    }
    if (args.values.json) printJson(result);
    else
      process.stdout.write(
        `${
          result.numbers
            ? `imported ${result.imported} incidents as #${result.numbers.first}-#${result.numbers.last}`
            : "imported 0 incidents"
        }${result.skipped > 0 ? `; ${result.skipped} already imported, left out` : ""}\n`,
      );
  },
}));
