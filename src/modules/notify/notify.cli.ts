import {
  type CliCommand,
  printJson,
  printTable,
  remoteCall,
  stringOption,
  UsageError,
  withDatabase,
} from "../../platform/cli.ts";
import { listMessages } from "./messages.repository.ts";
import { listMessagesQuery, type MessageView } from "./notify.schema.ts";

export const notifyCommands: CliCommand[] = [
  {
    name: "notification list",
    summary: "list notifications and their delivery state, newest first",
    usage:
      "opsdeck notification list [--subject S] [--user NAME] [--state pending|sending|sent|failed] [--limit N] [--json] [--url URL]",
    options: {
      subject: { type: "string" },
      user: { type: "string" },
      state: { type: "string" },
      limit: { type: "string" },
      json: { type: "boolean", default: false },
      url: { type: "string" },
    },
    async run(args) {
      const raw = Object.fromEntries(
        ["subject", "user", "state", "limit"].flatMap((k) => {
          const v = stringOption(args, k, false);
          return v ? [[k, v]] : [];
        }),
      );
      const parsed = listMessagesQuery.safeParse(raw);
      if (!parsed.success)
        throw new UsageError(
          parsed.error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("\n"),
        );
      const url = stringOption(args, "url", false);
      const items = url
        ? (
            (await remoteCall(url, "GET", `/api/v1/notifications?${new URLSearchParams(raw)}`)) as {
              items: MessageView[];
            }
          ).items
        : await withDatabase((db) => listMessages(db.read, parsed.data));
      if (args.values.json) printJson({ items });
      else
        printTable(
          items.map((m) => ({ ...m, error: m.lastError ?? "" })),
          ["id", "createdAt", "user", "channel", "subject", "state", "attempts", "error"],
        );
    },
  },
];
