import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "../../bench/support.ts";

/** Debian's package puts it here; CI installs the same package. */
export const prometheusBinary = "/usr/bin/prometheus";

export interface RunningPrometheus {
  baseUrl: string;
  output(): string;
  /** SIGTERM (SIGKILL after 10 s), then removes the config, rules and storage directory. */
  stop(): Promise<void>;
}

/**
 * Starts the real Prometheus as our own process: a temporary TSDB, a free loopback port, the given
 * configuration (YAML) and rule file beside it as `rules.yaml`, so nothing of a system installation is
 * touched. Resolves once `/-/ready` answers.
 */
export async function startPrometheus(
  config: string,
  rules: string,
  timeoutMs = 30_000,
): Promise<RunningPrometheus> {
  if (!existsSync(prometheusBinary))
    throw new Error(`${prometheusBinary} is missing: install Debian's prometheus package (CI does)`);
  const dir = await mkdtemp(join(tmpdir(), "opsdeck-prom-"));
  await writeFile(join(dir, "prometheus.yml"), config);
  await writeFile(join(dir, "rules.yaml"), rules);
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = spawn(
    prometheusBinary,
    [
      `--config.file=${join(dir, "prometheus.yml")}`,
      `--storage.tsdb.path=${join(dir, "data")}`,
      `--web.listen-address=127.0.0.1:${port}`,
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
    if (await ready(`${baseUrl}/-/ready`)) return { baseUrl, output: () => output, stop };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await stop();
  throw new Error(`Prometheus did not become ready:\n${output}`);
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
