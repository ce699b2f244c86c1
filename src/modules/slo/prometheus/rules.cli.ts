import { writeFile } from "node:fs/promises";
import { type CliCommand, stringOption, UsageError, withDatabase } from "../../../platform/cli.ts";
import { cliToken } from "../../../platform/config/config.ts";
import { renderPrometheusRules } from "./rules.ts";
import { allDefinitions } from "./state.repository.ts";

/** The rules as text from a running server (`--url`), which answers YAML rather than JSON. */
async function remoteRules(baseUrl: string): Promise<string> {
  const token = cliToken();
  if (!token) throw new UsageError("--url needs OPSDECK_TOKEN set to an API token");
  const res = await fetch(new URL("/api/v1/slos/rules?format=prometheus", baseUrl), {
    headers: { authorization: `Bearer ${token}` },
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${res.status} ${res.statusText}: ${text}`);
  return text;
}

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
      if (url) text = await remoteRules(url);
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
