import {
  type CliCommand,
  cliConfig,
  printJson,
  printTable,
  remoteCall,
  stringOption,
  UsageError,
  withDatabase,
} from "../../platform/cli.ts";
import type { IntegrationDetail, IntegrationSummary } from "./integrations.schema.ts";
import { getIntegration, listIntegrations } from "./integrations.service.ts";

const common = { json: { type: "boolean" as const, default: false }, url: { type: "string" as const } };

export const alertCommands: CliCommand[] = [
  {
    name: "integration list",
    summary: "list alert integrations and their intake URLs",
    usage: "opsdeck integration list [--json] [--url URL]",
    options: common,
    async run(args) {
      const url = stringOption(args, "url", false);
      const items = url
        ? ((await remoteCall(url, "GET", "/api/v1/integrations")) as { items: IntegrationSummary[] }).items
        : await withDatabase((db) => listIntegrations(db, cliConfig().baseUrl));
      if (args.values.json) printJson({ items });
      else printTable(items, ["name", "type", "service", "url"]);
    },
  },
  {
    name: "integration show",
    summary: "show an integration's intake URL, key and routing",
    usage: "opsdeck integration show NAME [--json] [--url URL]",
    options: common,
    async run(args) {
      const name = args.positionals[0];
      if (!name) throw new UsageError("give the integration name");
      const url = stringOption(args, "url", false);
      const found = url
        ? ((await remoteCall(
            url,
            "GET",
            `/api/v1/integrations/${encodeURIComponent(name)}`,
          )) as IntegrationDetail)
        : await withDatabase((db) => getIntegration(db, cliConfig().baseUrl, name));
      if (args.values.json) return printJson(found);
      process.stdout.write(
        `${found.name} (${found.type}) -> service ${found.service}\nurl: ${found.url}\nkey: ${found.key}\n` +
          `default severity ${found.spec.severity}, group by [${found.spec.groupBy.join(", ")}]\n`,
      );
      if (found.spec.routes.length > 0) {
        process.stdout.write("\n");
        printTable(
          found.spec.routes.map((r) => ({ ...r, match: r.match.join(", "), groupBy: r.groupBy?.join(",") })),
          ["match", "service", "severity", "groupBy"],
        );
      }
    },
  },
];
