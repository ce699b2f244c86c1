import { join } from "node:path";
import { type RunningDaemon, startDaemon } from "./daemon-process.ts";

/** Debian's package puts it here; CI installs the same package. */
export const alertmanagerBinary = "/usr/bin/prometheus-alertmanager";

export type RunningAlertmanager = RunningDaemon;

/**
 * Starts the real Alertmanager with `config` (YAML) as our own process: a temporary storage directory, a
 * free loopback port and clustering off, so it touches nothing of a system installation and no peers.
 */
export function startAlertmanager(config: string, timeoutMs = 30_000): Promise<RunningAlertmanager> {
  return startDaemon(
    {
      name: "Alertmanager",
      binary: alertmanagerBinary,
      debianPackage: "prometheus-alertmanager",
      files: { "alertmanager.yml": config },
      args: (dir, port) => [
        `--config.file=${join(dir, "alertmanager.yml")}`,
        `--storage.path=${join(dir, "data")}`,
        `--web.listen-address=127.0.0.1:${port}`,
        "--cluster.listen-address=",
        "--log.level=warn",
      ],
    },
    timeoutMs,
  );
}
