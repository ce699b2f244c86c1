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
import { listActionItems } from "./action-items.views.ts";
import { type ActionItemView, actionItemStatus, type PostmortemDetail } from "./postmortems.schema.ts";
import { postmortemOfIncident } from "./postmortems.views.ts";

const json = { type: "boolean" as const, default: false };
const url = { type: "string" as const };

/** The postmortem as one Markdown document: what a terminal reader or a wiki paste wants. */
export function postmortemMarkdown(pm: PostmortemDetail): string {
  const lines = [
    `# ${pm.title}`,
    "",
    `Incident #${pm.incidentNumber} (${pm.incidentSeverity}): ${pm.incidentTitle}  `,
    `Status: ${pm.status}${pm.publishedAt ? ` (published ${pm.publishedAt} by ${pm.publishedBy})` : ""}  `,
    `Reviewers: ${pm.reviewers.map((r) => `${r.name} (${r.decision})`).join(", ") || "none"}`,
    "",
  ];
  for (const { key, title } of pm.sectionOrder) {
    lines.push(
      `## ${title}`,
      "",
      pm.sections[key as keyof PostmortemDetail["sections"]].trim() || "_empty_",
      "",
    );
  }
  lines.push("## Action items", "");
  for (const i of pm.actionItems)
    lines.push(
      `- [${i.status === "done" ? "x" : " "}] ${i.title} (${i.priority}, ${i.status}, owner ${i.owner?.name ?? "none"}, due ${i.dueDate ?? "none"}${i.overdue ? ", OVERDUE" : ""})`,
    );
  return `${lines.join("\n")}\n`;
}

export const postmortemCommands: CliCommand[] = [
  {
    name: "postmortem show",
    summary: "show an incident's postmortem as Markdown",
    usage: "opsdeck postmortem show INCIDENT_NUMBER [--json] [--url URL]",
    options: { json, url },
    async run(args) {
      const ref = args.positionals[0];
      if (!ref) throw new UsageError("give the incident number");
      const base = stringOption(args, "url", false);
      const pm = base
        ? ((await remoteCall(
            base,
            "GET",
            `/api/v1/incidents/${encodeURIComponent(ref)}/postmortem`,
          )) as PostmortemDetail)
        : await withDatabase((db) => postmortemOfIncident(db, ref, cliContext().clock));
      if (args.values.json) printJson(pm);
      else process.stdout.write(postmortemMarkdown(pm));
    },
  },
  {
    name: "action-items list",
    summary: "list postmortem action items, e.g. the overdue ones of a team",
    usage:
      "opsdeck action-items list [--overdue] [--team TEAM] [--owner USER] [--status STATUS] [--json] [--url URL]",
    options: {
      overdue: { type: "boolean", default: false },
      team: { type: "string" },
      owner: { type: "string" },
      status: { type: "string" },
      json,
      url,
    },
    async run(args) {
      const query = {
        overdue: args.values.overdue ? ("true" as const) : undefined,
        team: stringOption(args, "team", false) || undefined,
        owner: stringOption(args, "owner", false) || undefined,
        status: (stringOption(args, "status", false) || undefined) as ActionItemView["status"] | undefined,
      };
      const base = stringOption(args, "url", false);
      let items: ActionItemView[];
      if (base) {
        const qs = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => !!e[1]));
        items = ((await remoteCall(base, "GET", `/api/v1/action-items?${qs}`)) as { items: ActionItemView[] })
          .items;
      } else {
        if (query.owner === "me")
          throw new UsageError("--owner me needs --url (the CLI on the host is no user)");
        const status = query.status === undefined ? undefined : actionItemStatus.safeParse(query.status);
        if (status && !status.success)
          throw new UsageError("--status must be open, in_progress, done or wont_do");
        items = await withDatabase((db) =>
          listActionItems(db, cliContext().clock, { ...query, status: status?.data, limit: 1000 }, null),
        );
      }
      if (args.values.json) return printJson({ items });
      printTable(
        items.map((i) => ({
          ...i,
          incident: `#${i.incidentNumber}`,
          owner: i.owner?.name ?? "",
          due: `${i.dueDate ?? ""}${i.overdue ? " OVERDUE" : ""}`,
        })),
        ["incident", "title", "owner", "team", "due", "priority", "status"],
      );
    },
  },
];
