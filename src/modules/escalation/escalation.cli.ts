import {
  type CliArgs,
  type CliCommand,
  printJson,
  printTable,
  remoteCall,
  stringOption,
  UsageError,
  withDatabase,
} from "../../platform/cli.ts";
import type { EscalationView, PolicyView } from "./escalation.schema.ts";
import { incidentEscalation } from "./escalation.views.ts";
import { getPolicy, listPolicies } from "./policies.service.ts";

const remote = { json: { type: "boolean", default: false }, url: { type: "string" } } as const;
const enc = encodeURIComponent;

function firstArg(args: CliArgs, what: string): string {
  const value = args.positionals[0];
  if (!value) throw new UsageError(`give the ${what}`);
  return value;
}

const levelLines = (p: PolicyView) =>
  p.levels.map((l, i) => ({ level: i, afterMinutes: l.afterMinutes, targets: l.targets.join(", ") }));

export const escalationCommands: CliCommand[] = [
  {
    name: "escalation list",
    summary: "list escalation policies with their services and levels",
    usage: "opsdeck escalation list [--json] [--url URL]",
    options: { ...remote },
    async run(args) {
      const url = stringOption(args, "url", false);
      const items = url
        ? ((await remoteCall(url, "GET", "/api/v1/escalation-policies")) as { items: PolicyView[] }).items
        : await withDatabase((db) => listPolicies(db));
      if (args.values.json) return printJson({ items });
      printTable(
        items.map((p) => ({
          ...p,
          services: p.default ? ["(default)", ...p.services].join(", ") : p.services.join(", "),
          levels: p.levels.length,
          schedules: p.schedules.join(", "),
        })),
        ["name", "services", "levels", "repeat", "schedules"],
      );
    },
  },
  {
    name: "escalation show",
    summary: "show one escalation policy, level by level",
    usage: "opsdeck escalation show NAME [--json] [--url URL]",
    options: { ...remote },
    async run(args) {
      const name = firstArg(args, "policy name");
      const url = stringOption(args, "url", false);
      const policy = url
        ? ((await remoteCall(url, "GET", `/api/v1/escalation-policies/${enc(name)}`)) as PolicyView)
        : await withDatabase((db) => getPolicy(db, name));
      if (args.values.json) return printJson(policy);
      const services = policy.services.join(", ") || "none";
      process.stdout.write(
        `${policy.name}${policy.default ? " (default policy)" : ""}: services ${services}; repeat ${policy.repeat}` +
          `${policy.repeatAfterMinutes !== null ? ` after ${policy.repeatAfterMinutes} min` : ""}\n`,
      );
      printTable(levelLines(policy), ["level", "afterMinutes", "targets"]);
    },
  },
  {
    name: "escalation status",
    summary: "show where an incident's escalation stands and the steps so far",
    usage: "opsdeck escalation status INCIDENT [--json] [--url URL]",
    options: { ...remote },
    async run(args) {
      const ref = firstArg(args, "incident number or id");
      const url = stringOption(args, "url", false);
      const view = url
        ? ((await remoteCall(url, "GET", `/api/v1/incidents/${enc(ref)}/escalation`)) as EscalationView)
        : await withDatabase((db) => incidentEscalation(db, ref));
      if (args.values.json) return printJson(view);
      const next = view.nextStepAt ? `; next step ${view.nextStepAt}` : "";
      process.stdout.write(
        `${view.status}${view.policy ? ` (policy ${view.policy})` : ""}${view.reason ? `: ${view.reason}` : ""}${next}\n`,
      );
      printTable(
        view.steps.map((s) => ({ ...s, users: s.users.join(", "), notes: s.notes.join("; ") })),
        ["cycle", "level", "repeat", "status", "dueAt", "doneAt", "users", "notes"],
      );
    },
  },
];
