import { writeFile } from "node:fs/promises";
import {
  type CliCommand,
  remoteBytes,
  stringOption,
  UsageError,
  withDatabase,
} from "../../../platform/cli.ts";
import { renderPrometheusRules } from "./rules.ts";
import { allDefinitions } from "./state.repository.ts";

export const prometheusCommands: CliCommand[] = [
  {
    name: "slo rules",
    summary: "export Prometheus recording and alerting rules for the SLOs with a Prometheus indicator",
    usage: "opsdeck slo rules --format prometheus [--out FILE] [--url URL]",
    options: {
      format: { type: "string", default: "prometheus" },
      out: { type: "string" },
      url: { type: "string" },
    },
    async run(args) {
      const format = stringOption(args, "format");
      if (format !== "prometheus")
        throw new UsageError(`--format ${format} is not supported; use prometheus`);
      const url = stringOption(args, "url", false);
      let text: string;
      // A running server answers YAML, not JSON.
      if (url)
        text = (await remoteBytes(url, "GET", "/api/v1/slos/rules?format=prometheus")).toString("utf8");
      else {
        const rendered = await withDatabase(async (db) =>
          renderPrometheusRules(await allDefinitions(db.read)),
        );
        for (const s of rendered.skipped) process.stderr.write(`warning: left out ${s.reason}\n`);
        text = rendered.text;
      }
      const out = stringOption(args, "out", false);
      if (out) {
        await writeFile(out, text);
        process.stderr.write(`wrote ${out}\n`);
      } else process.stdout.write(text);
    },
  },
];
