import {
  type CliCommand,
  printJson,
  printTable,
  remoteCall,
  stringOption,
  UsageError,
  withDatabase,
} from "../../platform/cli.ts";
import type { TeamView } from "./teams.schema.ts";
import { getTeam, listTeams } from "./teams.service.ts";

export const teamCommands: CliCommand[] = [
  {
    name: "team list",
    summary: "list teams",
    usage: "opsdeck team list [--search TEXT] [--json] [--url URL]",
    options: {
      search: { type: "string" },
      json: { type: "boolean", default: false },
      url: { type: "string" },
    },
    async run(args) {
      const search = stringOption(args, "search", false) || undefined;
      const url = stringOption(args, "url", false);
      const items = url
        ? (
            (await remoteCall(
              url,
              "GET",
              `/api/v1/teams?limit=1000${search ? `&search=${encodeURIComponent(search)}` : ""}`,
            )) as { items: TeamView[] }
          ).items
        : await withDatabase((db) => listTeams(db, { search, limit: 1000, offset: 0 }));
      if (args.values.json) printJson({ items });
      else
        printTable(
          items.map((t) => ({ ...t, members: t.members.length })),
          ["name", "displayName", "members", "parent"],
        );
    },
  },
  {
    name: "team show",
    summary: "show a team and its members",
    usage: "opsdeck team show NAME [--json] [--url URL]",
    options: { json: { type: "boolean", default: false }, url: { type: "string" } },
    async run(args) {
      const name = args.positionals[0];
      if (!name) throw new UsageError("give the team name");
      const url = stringOption(args, "url", false);
      const team = url
        ? ((await remoteCall(url, "GET", `/api/v1/teams/${encodeURIComponent(name)}`)) as TeamView)
        : await withDatabase((db) => getTeam(db, name));
      if (args.values.json) return printJson(team);
      process.stdout.write(`${team.displayName} (${team.name})\n${team.description}\n\n`);
      printTable(
        team.members.map((m) => ({ ...m, resolved: m.resolved ? "yes" : "no (no such user yet)" })),
        ["name", "displayName", "resolved"],
      );
    },
  },
];
