import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "../../bench/support.ts";
import type { RunningServer } from "./server.ts";

const repoRoot = fileURLToPath(new URL("../../", import.meta.url));

/**
 * `opsdeck serve` on a fresh SQLite database with extra settings (server.ts's startServer takes none):
 * here OPSDECK_PROMETHEUS_URL and OPSDECK_EGRESS_ALLOW. No web UI is needed, so none is configured.
 */
export async function startOpsdeckWith(env: Record<string, string>): Promise<RunningServer> {
  const dataDir = await mkdtemp(join(tmpdir(), "opsdeck-slo-e2e-"));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const databaseUrl = `sqlite:${join(dataDir, "x.db")}`;
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("OPSDECK_")));
  const child = spawn(process.execPath, [join(repoRoot, "bin/opsdeck.js"), "serve"], {
    cwd: repoRoot,
    env: {
      ...clean,
      OPSDECK_DATABASE_URL: databaseUrl,
      OPSDECK_PORT: String(port),
      OPSDECK_LOG_LEVEL: "warn",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    output += chunk;
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
      await exited;
      clearTimeout(timer);
    }
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    const setupLink = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("no setup link within 30 s")), 30_000);
      child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
        output += chunk;
        const match = /(http:\/\/\S+\/setup\?token=\S+)/.exec(output);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
      child.once("exit", (code) => reject(new Error(`opsdeck serve exited early (code ${code})`)));
    });
    return { baseUrl, databaseUrl, setupLink, output: () => output, stop };
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}; its output:\n${output}`);
  }
}
