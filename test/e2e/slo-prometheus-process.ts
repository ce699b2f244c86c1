import { join } from "node:path";
import { type RunningDaemon, startDaemon } from "./daemon-process.ts";

/** Debian's package puts it here; CI installs the same package. */
export const prometheusBinary = "/usr/bin/prometheus";

export type RunningPrometheus = RunningDaemon;

/**
 * Starts the real Prometheus as our own process: a temporary TSDB, a free loopback port, the given
 * configuration (YAML) and rule file beside it as `rules.yaml`, so nothing of a system installation is
 * touched. Resolves once `/-/ready` answers.
 */
export function startPrometheus(
  config: string,
  rules: string,
  timeoutMs = 30_000,
): Promise<RunningPrometheus> {
  return startDaemon(
    {
      name: "Prometheus",
      binary: prometheusBinary,
      debianPackage: "prometheus",
      files: { "prometheus.yml": config, "rules.yaml": rules },
      args: (dir, port) => [
        `--config.file=${join(dir, "prometheus.yml")}`,
        `--storage.tsdb.path=${join(dir, "data")}`,
        `--web.listen-address=127.0.0.1:${port}`,
        "--log.level=warn",
      ],
    },
    timeoutMs,
  );
}
