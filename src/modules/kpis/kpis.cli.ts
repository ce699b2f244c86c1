import { writeFile } from "node:fs/promises";
import {
  type CliCommand,
  cliContext,
  printJson,
  printTable,
  remoteBytes,
  remoteCall,
  stringOption,
  UsageError,
  withDatabase,
} from "../../platform/cli.ts";
import { parseInput } from "../../platform/validation.ts";
import { type KpisResponse, kpiQuery, reportFormats, reportQuery } from "./kpis.schema.ts";
import { computeKpis } from "./kpis.service.ts";
import { renderMonthlyReport } from "./report.service.ts";

export const kpiCommands: CliCommand[] = [
  {
    name: "report monthly",
    summary: "the monthly operations review of a month (UTC), as html, pdf, md or csv",
    usage: `opsdeck report monthly --month YYYY-MM [--format ${reportFormats.join("|")}] [--out FILE] [--url URL]`,
    options: {
      month: { type: "string" },
      format: { type: "string" },
      out: { type: "string" },
      url: { type: "string" },
    },
    async run(args) {
      const q = parseInput(reportQuery, {
        month: stringOption(args, "month"),
        format: stringOption(args, "format", false) || "md",
      });
      const out = stringOption(args, "out", false);
      if (q.format === "pdf" && !out) throw new UsageError("--format pdf needs --out FILE");
      const url = stringOption(args, "url", false);
      const body = url
        ? await remoteBytes(
            url,
            "GET",
            `/api/v1/reports/monthly?${new URLSearchParams({ month: q.month, format: q.format })}`,
          )
        : (await withDatabase((db) => renderMonthlyReport(db, cliContext().clock, q.month, q.format))).body;
      if (out) {
        await writeFile(out, body);
        process.stderr.write(`wrote ${out}\n`);
      } else process.stdout.write(body);
    },
  },
  {
    name: "kpis",
    summary: "operational KPIs (MTTA, MTTR, counts, on-call load, alert noise) for a range",
    usage: "opsdeck kpis --from ISO --to ISO [--group-by severity|service|team|month] [--json] [--url URL]",
    options: {
      from: { type: "string" },
      to: { type: "string" },
      "group-by": { type: "string" },
      json: { type: "boolean", default: false },
      url: { type: "string" },
    },
    async run(args) {
      const raw = {
        from: stringOption(args, "from"),
        to: stringOption(args, "to"),
        groupBy: stringOption(args, "group-by", false) || "severity",
      };
      const q = parseInput(kpiQuery, raw);
      const url = stringOption(args, "url", false);
      const result = url
        ? ((await remoteCall(url, "GET", `/api/v1/kpis?${new URLSearchParams(raw)}`)) as KpisResponse)
        : await withDatabase((db) =>
            computeKpis(db, cliContext().clock, {
              from: new Date(q.from),
              to: new Date(q.to),
              groupBy: q.groupBy,
            }),
          );
      if (args.values.json) return printJson(result);
      const rows: Record<string, unknown>[] = result.kpis.flatMap((k): Record<string, unknown>[] =>
        k.unavailable
          ? [{ kpi: k.name, key: "-", value: `unavailable: ${k.unavailable}` }]
          : k.groups.map((g) => ({
              kpi: k.name,
              key: g.key,
              mean: g.mean,
              median: g.median,
              n: g.n,
              value: g.value,
            })),
      );
      printTable(rows, ["kpi", "key", "mean", "median", "n", "value"]);
    },
  },
];
