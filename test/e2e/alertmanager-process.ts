import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "../../bench/support.ts";

/** Debian's package puts it here; CI installs the same package. */
export const alertmanagerBinary = "/usr/bin/prometheus-alertmanager";

export interface RunningAlertmanager {
  pid: number;
  baseUrl: string;
  output(): string;
  /** SIGTERM (SIGKILL after 10 s), then removes the config and storage directory. */
  stop(): Promise<void>;
}

/**
 * Starts the real Alertmanager with `config` (YAML) as our own process: a temporary storage directory, a
 * free loopback port and clustering off, so it touches nothing of a system installation and no peers.
 */
export async function startAlertmanager(config: string, timeoutMs = 30_000): Promise<RunningAlertmanager> {
  if (!existsSync(alertmanagerBinary)) {
    throw new Error(
      `${alertmanagerBinary} is missing: install Debian's prometheus-alertmanager package (CI does)`,
    );
  }
  const dir = await mkdtemp(join(tmpdir(), "opsdeck-am-"));
  await writeFile(join(dir, "alertmanager.yml"), config);
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = spawn(
    alertmanagerBinary,
    [
      `--config.file=${join(dir, "alertmanager.yml")}`,
      `--storage.path=${join(dir, "data")}`,
      `--web.listen-address=127.0.0.1:${port}`,
      "--cluster.listen-address=",
      "--log.level=warn",
    ],
    { cwd: dir, env: {}, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString("utf8")).slice(-8_000);
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  const stop = async () => {
    await terminate(child);
    await rm(dir, { recursive: true, force: true });
  };
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (child.exitCode !== null) break;
    if (await ready(`${baseUrl}/-/ready`)) {
      return { pid: child.pid ?? 0, baseUrl, output: () => output, stop };
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await stop();
  throw new Error(`Alertmanager did not become ready:\n${output}`);
}

async function ready(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(1_000) });
    await res.arrayBuffer();
    return res.status === 200;
  } catch {
    return false;
  }
}

async function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}
