import { readFileSync } from "node:fs";
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
import { systemClock } from "../../platform/clock.ts";
import { InputError } from "../../platform/errors.ts";
import { pushBody, pushEvents } from "./events.service.ts";
import { getStatus, listSloSummaries } from "./views.service.ts";

const common = { json: { type: "boolean" as const, default: false }, url: { type: "string" as const } };
const pct = (v: number | null) => (v === null ? "-" : `${(v * 100).toFixed(3)}%`);
const num = (v: number | null) => (v === null ? "-" : v.toFixed(2));
const enc = encodeURIComponent;

function nameOf(args: CliArgs): string {
  const name = args.positionals[0];
  if (!name) throw new UsageError("give the SLO name");
  return name;
}

/** Reads and checks a push file before anything is sent or stored; issues name the file and field. */
function readPushFile(file: string) {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    throw new InputError(`${file}: not a JSON file: ${(e as Error).message}`, [
      { file, path: "(file)", message: (e as Error).message },
    ]);
  }
  const parsed = pushBody.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ file, path: i.path.join("."), message: i.message }));
    throw new InputError(`${file}: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`, issues);
  }
  return parsed.data;
}

export const sloCommands: CliCommand[] = [
  {
    name: "slo list",
    summary: "list SLOs with their SLI, error budget and burn state",
    usage: "opsdeck slo list [--service NAME] [--json] [--url URL]",
    options: { ...common, service: { type: "string" } },
    async run(args) {
      const service = stringOption(args, "service", false) || undefined;
      const url = stringOption(args, "url", false);
      const items = url
        ? (
            (await remoteCall(url, "GET", `/api/v1/slos${service ? `?service=${enc(service)}` : ""}`)) as {
              items: Awaited<ReturnType<typeof listSloSummaries>>;
            }
          ).items
        : await withDatabase((db) => listSloSummaries(db, systemClock, service));
      if (args.values.json) return printJson({ items });
      printTable(
        items.map((i) => ({
          ...i,
          objective: pct(i.objective),
          sli: pct(i.sli),
          budgetLeft: pct(i.errorBudget.remaining),
          burning: i.burning ?? "",
        })),
        ["name", "service", "objective", "window", "indicator", "sli", "budgetLeft", "burning"],
      );
    },
  },
  {
    name: "slo status",
    summary: "show an SLO's SLI, error budget and burn rates (now or at --at)",
    usage: "opsdeck slo status NAME [--at ISO] [--json] [--url URL]",
    options: { ...common, at: { type: "string" } },
    async run(args) {
      const name = nameOf(args);
      const at = stringOption(args, "at", false) || undefined;
      if (at && Number.isNaN(Date.parse(at)))
        throw new UsageError("--at must be an ISO instant, e.g. 2026-11-22T10:00:00Z");
      const url = stringOption(args, "url", false);
      const s = url
        ? ((await remoteCall(
            url,
            "GET",
            `/api/v1/slos/${enc(name)}/status${at ? `?at=${enc(at)}` : ""}`,
          )) as Awaited<ReturnType<typeof getStatus>>)
        : await withDatabase((db) =>
            getStatus(db, systemClock, name, at ? new Date(at).toISOString() : undefined),
          );
      if (args.values.json) return printJson(s);
      process.stdout.write(
        `${name} at ${s.at} (${s.window.text})\nSLI ${pct(s.sli)}  objective ${pct(s.objective)}  budget left ${pct(s.errorBudget.remaining)} (${num(s.errorBudget.consumed)} of ${num(s.errorBudget.total)})${s.dataGap ? "  DATA GAP" : ""}${s.burning ? `  BURNING (${s.burning})` : ""}\n\n`,
      );
      printTable(
        Object.entries(s.burnRates).map(([window, rate]) => ({ window, burnRate: num(rate) })),
        ["window", "burnRate"],
      );
    },
  },
  {
    name: "slo push",
    summary: "push minute counts of good and total events for an SLO (indicator: events)",
    usage:
      'opsdeck slo push NAME FILE.json [--url URL]   (FILE: { "events": [{ "start", "good", "total" }] })',
    options: { ...common },
    async run(args) {
      const name = nameOf(args);
      const file = args.positionals[1];
      if (!file) throw new UsageError("give the JSON file of events");
      const body = readPushFile(file);
      const url = stringOption(args, "url", false);
      const result = url
        ? ((await remoteCall(url, "POST", `/api/v1/slos/${enc(name)}/events`, {
            contentType: "application/json",
            text: JSON.stringify(body),
          })) as { accepted: number })
        : await withDatabase((db) => pushEvents(db, cliContext(), name, body));
      if (args.values.json) return printJson(result);
      process.stdout.write(`${result.accepted} minute(s) stored for ${name}\n`);
    },
  },
];
