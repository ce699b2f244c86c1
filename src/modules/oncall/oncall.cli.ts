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
import { systemClock } from "../../platform/clock.ts";
import { isoInstant } from "../../platform/schema-common.ts";
import { parseInput } from "../../platform/validation.ts";
import type { ScheduleView } from "./oncall.schema.ts";
import { listSchedules } from "./schedules.service.ts";
import { presentShift, shiftsFor, whoIsOnCall } from "./shifts.service.ts";

const remote = { json: { type: "boolean", default: false }, url: { type: "string" } } as const;
const enc = encodeURIComponent;

function scheduleArg(args: CliArgs): string {
  const name = args.positionals[0];
  if (!name) throw new UsageError("give the schedule name");
  return name;
}

/** An instant option, named in the error the way the API names the query field. */
function instantOption(args: CliArgs, name: string, required: boolean): string | undefined {
  const value = stringOption(args, name, required);
  return value === "" ? undefined : parseInput(isoInstant, value, name);
}

export const oncallCommands: CliCommand[] = [
  {
    name: "oncall",
    summary: "who is on call for a schedule, now or at --at",
    usage: "opsdeck oncall SCHEDULE [--at ISO] [--json] [--url URL]",
    options: { at: { type: "string" }, ...remote },
    async run(args) {
      const schedule = scheduleArg(args);
      const at = instantOption(args, "at", false);
      const url = stringOption(args, "url", false);
      const { user } = url
        ? ((await remoteCall(
            url,
            "GET",
            `/api/v1/schedules/${enc(schedule)}/oncall${at ? `?at=${enc(at)}` : ""}`,
          )) as { user: string | null })
        : {
            user: await withDatabase((db) =>
              whoIsOnCall(db, schedule, at ? new Date(at) : systemClock.now()),
            ),
          };
      if (args.values.json) return printJson({ user });
      process.stdout.write(`${user ?? "nobody"}\n`);
    },
  },
  {
    name: "schedule list",
    summary: "list on-call schedules with who is on call now",
    usage: "opsdeck schedule list [--team TEAM] [--user USER] [--json] [--url URL]",
    options: { team: { type: "string" }, user: { type: "string" }, ...remote },
    async run(args) {
      const team = stringOption(args, "team", false) || undefined;
      const user = stringOption(args, "user", false) || undefined;
      const url = stringOption(args, "url", false);
      const query = new URLSearchParams({ ...(team ? { team } : {}), ...(user ? { user } : {}) });
      const items = url
        ? ((await remoteCall(url, "GET", `/api/v1/schedules?${query}`)) as { items: ScheduleView[] }).items
        : await withDatabase((db) => listSchedules(db, systemClock, { team, user }));
      if (args.values.json) return printJson({ items });
      printTable(
        items.map((s) => ({
          ...s,
          onCallNow: s.onCallNow ?? "nobody",
          participants: s.participants.map((p) => p.name).join(", "),
        })),
        ["name", "team", "onCallNow", "participants"],
      );
    },
  },
  {
    name: "schedule shifts",
    summary: "the shifts of a schedule over [--from, --to)",
    usage: "opsdeck schedule shifts SCHEDULE --from ISO --to ISO [--json] [--url URL]",
    options: { from: { type: "string" }, to: { type: "string" }, ...remote },
    async run(args) {
      const schedule = scheduleArg(args);
      const from = instantOption(args, "from", true) ?? "";
      const to = instantOption(args, "to", true) ?? "";
      const url = stringOption(args, "url", false);
      const shifts = url
        ? (
            (await remoteCall(
              url,
              "GET",
              `/api/v1/schedules/${enc(schedule)}/shifts?from=${enc(from)}&to=${enc(to)}`,
            )) as { shifts: { user: string; start: string; end: string }[] }
          ).shifts
        : (await withDatabase((db) => shiftsFor(db, schedule, new Date(from), new Date(to)))).map(
            presentShift,
          );
      if (args.values.json) return printJson({ shifts });
      printTable(
        shifts.map((s) => ({ ...s, hours: (Date.parse(s.end) - Date.parse(s.start)) / 3_600_000 })),
        ["user", "start", "end", "hours"],
      );
      if (shifts.length === 0) process.stdout.write(`nobody is on call from ${from} to ${to}\n`);
    },
  },
];
