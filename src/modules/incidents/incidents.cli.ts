import {
  type CliArgs,
  type CliCommand,
  cliContext,
  printJson,
  printTable,
  remoteCall,
  stringOption,
  UsageError,
  withDatabase,
} from "../../platform/cli.ts";
import { parseInput } from "../../platform/validation.ts";
import {
  declareBody,
  type IncidentDetail,
  type IncidentSummary,
  listIncidentsQuery,
  type TimelineEntry,
} from "./incidents.schema.ts";
import { acknowledgeIncident, declareIncident, resolveIncident } from "./incidents.service.ts";
import { getIncident, getTimeline, listIncidents } from "./incidents.views.ts";

const common = { json: { type: "boolean" as const, default: false }, url: { type: "string" as const } };
const path = (ref: string, rest = "") => `/api/v1/incidents/${encodeURIComponent(ref)}${rest}`;

function refOf(args: CliArgs): string {
  const ref = args.positionals[0];
  if (!ref) throw new UsageError("give the incident number or id");
  return ref;
}

function printDetail(i: IncidentDetail, timeline: TimelineEntry[]): void {
  process.stdout.write(
    `#${i.number} ${i.title}\n${i.severity}  ${i.status}  services: ${i.services.join(", ") || "-"}\n`,
  );
  process.stdout.write(`alerts: ${i.openAlertCount} firing of ${i.alertCount}  opened ${i.createdAt}\n`);
  for (const r of i.roles) process.stdout.write(`${r.role}: ${r.user}\n`);
  for (const l of i.runbooks) process.stdout.write(`runbook: ${l.title} ${l.url}\n`);
  process.stdout.write("\n");
  printTable(timeline, ["at", "kind", "actor", "text"]);
}

/** Acknowledge and resolve share everything but the verb. */
function transitionCommand(verb: "ack" | "resolve"): CliCommand {
  return {
    name: `incident ${verb}`,
    summary: verb === "ack" ? "acknowledge an incident" : "resolve an incident",
    usage: `opsdeck incident ${verb} NUMBER [--note TEXT] [--json] [--url URL]`,
    options: { ...common, note: { type: "string" } },
    async run(args) {
      const ref = refOf(args);
      const note = stringOption(args, "note", false) || undefined;
      const url = stringOption(args, "url", false);
      const action = verb === "ack" ? "acknowledge" : "resolve";
      const incident = url
        ? ((await remoteCall(url, "POST", path(ref, `/${action}`), {
            contentType: "application/json",
            text: JSON.stringify(note ? { note } : {}),
          })) as IncidentDetail)
        : await withDatabase((db) =>
            (verb === "ack" ? acknowledgeIncident : resolveIncident)(db, cliContext(), ref, note),
          );
      if (args.values.json) printJson(incident);
      else process.stdout.write(`#${incident.number} is ${incident.status}\n`);
    },
  };
}

export const incidentCommands: CliCommand[] = [
  {
    name: "incident list",
    summary: "list incidents, newest first",
    usage:
      "opsdeck incident list [--status open|triggered|acknowledged|resolved] [--service NAME] [--json] [--url URL]",
    options: {
      ...common,
      status: { type: "string" },
      service: { type: "string" },
      limit: { type: "string" },
    },
    async run(args) {
      const raw: Record<string, string> = {};
      for (const k of ["status", "service", "limit"]) {
        const v = stringOption(args, k, false);
        if (v) raw[k] = v;
      }
      const url = stringOption(args, "url", false);
      const items = url
        ? (
            (await remoteCall(url, "GET", `/api/v1/incidents?${new URLSearchParams(raw)}`)) as {
              items: IncidentSummary[];
            }
          ).items
        : await withDatabase((db) => listIncidents(db, parseInput(listIncidentsQuery, raw)));
      if (args.values.json) printJson({ items });
      else printTable(items, ["number", "severity", "status", "service", "alertCount", "createdAt", "title"]);
    },
  },
  {
    name: "incident show",
    summary: "show an incident and its timeline",
    usage: "opsdeck incident show NUMBER [--json] [--url URL]",
    options: common,
    async run(args) {
      const ref = refOf(args);
      const url = stringOption(args, "url", false);
      const [incident, timeline] = url
        ? [
            (await remoteCall(url, "GET", path(ref))) as IncidentDetail,
            ((await remoteCall(url, "GET", path(ref, "/timeline"))) as { items: TimelineEntry[] }).items,
          ]
        : await withDatabase(async (db) => [await getIncident(db, ref), await getTimeline(db, ref)] as const);
      if (args.values.json) printJson({ ...incident, timeline });
      else printDetail(incident, timeline);
    },
  },
  {
    name: "incident declare",
    summary: "declare an incident by hand",
    usage:
      "opsdeck incident declare --title TEXT [--severity SEV1-4] [--service NAME]... [--commander USER] [--json] [--url URL]",
    options: {
      ...common,
      title: { type: "string" },
      severity: { type: "string" },
      service: { type: "string", multiple: true },
      commander: { type: "string" },
      summary: { type: "string" },
    },
    async run(args) {
      const body = {
        title: stringOption(args, "title"),
        ...(stringOption(args, "severity", false) ? { severity: stringOption(args, "severity") } : {}),
        ...(stringOption(args, "summary", false) ? { summary: stringOption(args, "summary") } : {}),
        ...(stringOption(args, "commander", false) ? { commander: stringOption(args, "commander") } : {}),
        services: (args.values.service as string[] | undefined) ?? [],
      };
      const url = stringOption(args, "url", false);
      const incident = url
        ? ((await remoteCall(url, "POST", "/api/v1/incidents", {
            contentType: "application/json",
            text: JSON.stringify(body),
          })) as IncidentDetail)
        : await withDatabase((db) => declareIncident(db, cliContext(), parseInput(declareBody, body)));
      if (args.values.json) printJson(incident);
      else process.stdout.write(`declared #${incident.number} (${incident.severity}): ${incident.title}\n`);
    },
  },
  transitionCommand("ack"),
  transitionCommand("resolve"),
];
