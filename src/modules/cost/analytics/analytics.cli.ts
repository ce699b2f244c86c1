import {
  type CliArgs,
  type CliCommand,
  printJson,
  printTable,
  remoteCall,
  stringOption,
  UsageError,
  withDatabase,
} from "../../../platform/cli.ts";
import { systemClock } from "../../../platform/clock.ts";
import type { Database } from "../../../platform/db/database.ts";
import { evaluateNow } from "./analytics.jobs.ts";
import type { AnomalyView, BudgetView, CommitmentsView, ForecastView } from "./analytics.schema.ts";
import { listAnomalies } from "./anomalies.query.ts";
import { budgetStatuses } from "./budgets.report.ts";
import { isDay } from "./days.ts";
import { commitmentsBetween, forecastMonth } from "./reports.service.ts";

const common = { json: { type: "boolean" as const, default: false }, url: { type: "string" as const } };

/** Local mode opens the database; `--url` asks a running server (OPSDECK_TOKEN) for the same JSON. */
async function fetchOrRun<T>(args: CliArgs, path: string, local: (db: Database) => Promise<T>): Promise<T> {
  const url = stringOption(args, "url", false);
  return url ? ((await remoteCall(url, "GET", path)) as T) : withDatabase(local);
}

function dayOption(args: CliArgs, name: string): string {
  const value = stringOption(args, name);
  if (!isDay(value)) throw new UsageError(`--${name} must be a date YYYY-MM-DD`);
  return value;
}

const pct = (ratio: number) => `${(ratio * 100).toFixed(1)}%`;

export const costAnalyticsCommands: CliCommand[] = [
  {
    name: "cost evaluate",
    summary: "detect cost anomalies and evaluate budget alerts now (the server does it every hour)",
    usage: "opsdeck cost evaluate [--from YYYY-MM-DD --to YYYY-MM-DD] [--json]",
    options: { json: common.json, from: { type: "string" }, to: { type: "string" } },
    async run(args) {
      const range =
        args.values.from || args.values.to
          ? { from: dayOption(args, "from"), to: dayOption(args, "to") }
          : {};
      const summary = await withDatabase((db, config) =>
        evaluateNow({ db, config, clock: systemClock }, range),
      );
      if (args.values.json) return printJson(summary);
      process.stdout.write(
        `anomalies: ${summary.anomalies.found} found, ${summary.anomalies.added} new, ${summary.anomalies.alerted} alerted; ` +
          `budget alerts: ${summary.budgets.raised} raised, ${summary.budgets.resolved} resolved` +
          (summary.budgets.undelivered.length
            ? `; no integration for ${summary.budgets.undelivered.join(", ")}`
            : "") +
          "\n",
      );
    },
  },
  {
    name: "cost budgets",
    summary: "budgets in their current period: actual, forecast, status",
    usage: "opsdeck cost budgets [--json] [--url URL]",
    options: common,
    async run(args) {
      const { items } = await fetchOrRun(args, "/api/v1/cost/budgets", async (db) => ({
        items: await budgetStatuses(db, systemClock),
      }));
      if (args.values.json) return printJson({ items });
      printTable(
        items.map((b: BudgetView) => ({
          ...b,
          scope: b.scope.team ?? b.scope.service ?? "(total)",
          used: `${b.percentUsed}%`,
          breached: b.thresholds
            .filter((t) => t.breached)
            .map((t) => `${t.percent}% ${t.of}`)
            .join(", "),
        })),
        [
          "name",
          "scope",
          "period",
          "periodStart",
          "amount",
          "actual",
          "forecast",
          "used",
          "status",
          "breached",
        ],
      );
    },
  },
  {
    name: "cost anomalies",
    summary: "cost anomalies detected on days FROM to TO",
    usage: "opsdeck cost anomalies --from YYYY-MM-DD --to YYYY-MM-DD [--json] [--url URL]",
    options: { ...common, from: { type: "string" }, to: { type: "string" } },
    async run(args) {
      const from = dayOption(args, "from");
      const to = dayOption(args, "to");
      const { items } = await fetchOrRun(
        args,
        `/api/v1/cost/anomalies?from=${from}&to=${to}`,
        async (db) => ({
          items: await listAnomalies(db, { from, to }),
        }),
      );
      if (args.values.json) return printJson({ items });
      printTable(
        items.map((a: AnomalyView) => ({
          ...a,
          drivers: a.drivers.map((d) => d.resourceName).join(", "),
          alert: a.alertId ?? "",
        })),
        [
          "day",
          "dimension",
          "key",
          "actual",
          "expected",
          "impact",
          "deviation",
          "currency",
          "drivers",
          "alert",
        ],
      );
    },
  },
  {
    name: "cost forecast",
    summary: "month-end spend forecast with its interval (per team with --by-team)",
    usage: "opsdeck cost forecast --month YYYY-MM [--by-team] [--json] [--url URL]",
    options: { ...common, month: { type: "string" }, "by-team": { type: "boolean", default: false } },
    async run(args) {
      const month = stringOption(args, "month");
      if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new UsageError("--month must be YYYY-MM");
      const byTeam = args.values["by-team"] === true;
      const f = await fetchOrRun<ForecastView>(
        args,
        `/api/v1/cost/forecast?month=${month}${byTeam ? "&groupBy=team" : ""}`,
        (db) => forecastMonth(db, { month, ...(byTeam ? { groupBy: "team" as const } : {}) }),
      );
      if (args.values.json) return printJson(f);
      printTable(
        [{ key: "(total)", ...f }, ...(f.rows ?? [])],
        ["key", "actualToDate", "forecast", "low", "high"],
      );
      process.stdout.write(`\n${f.month}, ${f.currency}; low-high is a 90 % interval\n`);
    },
  },
  {
    name: "cost commitments",
    summary: "commitment discounts: utilization per commitment, coverage, effective savings rate",
    usage: "opsdeck cost commitments --from YYYY-MM-DD --to YYYY-MM-DD [--json] [--url URL]",
    options: { ...common, from: { type: "string" }, to: { type: "string" } },
    async run(args) {
      const from = dayOption(args, "from");
      const to = dayOption(args, "to");
      const r = await fetchOrRun<CommitmentsView>(
        args,
        `/api/v1/cost/commitments?from=${from}&to=${to}`,
        (db) => commitmentsBetween(db, { from, to }),
      );
      if (args.values.json) return printJson(r);
      printTable(
        r.items.map((i) => ({ ...i, utilization: pct(i.utilization) })),
        ["commitmentId", "type", "purchased", "used", "unused", "utilization"],
      );
      process.stdout.write(
        `\ncoverage ${pct(r.coverage)}; effective savings rate ${pct(r.effectiveSavingsRate.vsList)} vs list, ` +
          `${pct(r.effectiveSavingsRate.vsContracted)} vs contracted (${r.currency})\n`,
      );
    },
  },
];
