import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { answers200, freePort } from "../../bench/support.ts";

export interface RunningDaemon {
  pid: number;
  baseUrl: string;
  output(): string;
  /** SIGTERM (SIGKILL after 10 s), then removes its directory. */
  stop(): Promise<void>;
}

export interface DaemonSpec {
  /** What it is called in errors, e.g. "Alertmanager". */
  name: string;
  /** Where Debian's package puts it, and the package that does (CI installs it). */
  binary: string;
  debianPackage: string;
  /** Files written into the daemon's own temporary directory before it starts. */
  files: Record<string, string>;
  /** Its arguments, given that directory and a free loopback port. */
  args(dir: string, port: number): string[];
}

/**
 * Starts one of Debian's Prometheus-family daemons as our own process: a temporary directory for its
 * configuration and storage, a free loopback port, an empty environment, so it touches nothing of a
 * system installation. Resolves once `/-/ready` answers 200; fails with its output after `timeoutMs`.
 */
export async function startDaemon(spec: DaemonSpec, timeoutMs = 30_000): Promise<RunningDaemon> {
  if (!existsSync(spec.binary))
    throw new Error(`${spec.binary} is missing: install Debian's ${spec.debianPackage} package (CI does)`);
  const dir = await mkdtemp(join(tmpdir(), `opsdeck-${spec.debianPackage}-`));
  for (const [name, text] of Object.entries(spec.files)) await writeFile(join(dir, name), text);
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = spawn(spec.binary, spec.args(dir, port), {
    cwd: dir,
    env: {},
    stdio: ["ignore", "pipe", "pipe"],
  });
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
    if (await answers200(`${baseUrl}/-/ready`))
      return { pid: child.pid ?? 0, baseUrl, output: () => output, stop };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await stop();
  throw new Error(`${spec.name} did not become ready:\n${output}`);
}

async function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}
