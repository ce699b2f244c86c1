import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = fileURLToPath(new URL("../../", import.meta.url));

/** The built web UI; `npm run test:e2e` builds it before the tests run. */
export const webDir = join(repoRoot, "web-dist");

export interface RunningServer {
  baseUrl: string;
  /** The server's database, for CLI commands that prepare data (`opsdeck demo`, `opsdeck user create`). */
  databaseUrl: string;
  /** The one-time first-run link the server printed to stderr. */
  setupLink: string;
  /** Everything the process wrote so far, for failure messages. */
  output(): string;
  /** SIGTERM, wait for a graceful exit (SIGKILL after 15 s), then remove the data directory. */
  stop(): Promise<void>;
}

/** Asks the OS for a free port; the tiny race until the server binds it is acceptable in a test. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** Only our settings: an OPSDECK_* variable from the developer's shell must not change what is tested. */
function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("OPSDECK_")));
}

/**
 * Runs an `opsdeck` CLI command against the server's database, as an operator would on the same host;
 * resolves with its stdout, rejects with its output when it exits non-zero.
 */
export async function runCli(server: RunningServer, args: string[], input?: string): Promise<string> {
  const child = spawn(process.execPath, [join(repoRoot, "bin/opsdeck.js"), ...args], {
    cwd: repoRoot,
    env: { ...cleanEnv(), OPSDECK_DATABASE_URL: server.databaseUrl, OPSDECK_LOG_LEVEL: "warn" },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
  });
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  child.stdin?.end(input ?? "");
  const code = await new Promise<number | null>((resolve) => child.once("close", resolve));
  if (code !== 0) throw new Error(`opsdeck ${args.join(" ")} exited with ${code}:\n${stdout}${stderr}`);
  return stdout;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once("exit", () => resolve()));
}

/**
 * Starts the real `opsdeck serve` process on a fresh SQLite database, exactly as an operator would, and
 * resolves once it printed the first-run setup link (which it does only after it listens).
 */
export async function startServer(
  options: {
    /** Extra settings (OPSDECK_PROMETHEUS_URL, say), after the defaults. */
    env?: Record<string, string>;
    /** Serve the built web UI (the default); API-only tests need no build. */
    web?: boolean;
  } = {},
): Promise<RunningServer> {
  const web = options.web ?? true;
  if (web && !existsSync(join(webDir, "index.html"))) {
    throw new Error(`the web UI is not built in ${webDir}; run npm run build:web (npm run test:e2e does)`);
  }
  const dataDir = await mkdtemp(join(tmpdir(), "opsdeck-e2e-"));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const databaseUrl = `sqlite:${join(dataDir, "x.db")}`;
  const child = spawn(process.execPath, [join(repoRoot, "bin/opsdeck.js"), "serve"], {
    cwd: repoRoot,
    env: {
      ...cleanEnv(),
      OPSDECK_DATABASE_URL: databaseUrl,
      OPSDECK_PORT: String(port),
      OPSDECK_BASE_URL: baseUrl,
      OPSDECK_LOG_LEVEL: "warn",
      ...(web ? { OPSDECK_WEB_DIR: webDir } : {}),
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
    output += chunk;
  });
  child.stderr?.setEncoding("utf8");

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
      await exited(child);
      clearTimeout(timer);
    }
    await rm(dataDir, { recursive: true, force: true });
  };

  try {
    const setupLink = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("no setup link within 30 s")), 30_000);
      child.stderr?.on("data", (chunk: string) => {
        output += chunk;
        const match = /(http:\/\/\S+\/setup\?token=\S+)/.exec(output);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
      child.once("exit", (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`opsdeck serve exited early (code ${code}, signal ${signal})`));
      });
    });
    return { baseUrl, databaseUrl, setupLink, output: () => output, stop };
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}; its output:\n${output}`);
  }
}
