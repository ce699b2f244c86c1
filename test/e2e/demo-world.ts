import { mkdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { Browser } from "playwright-core";
import { launchChromium } from "./browser.ts";
import { type RunningServer, runCli, startServer } from "./server.ts";

/** Where browser tests keep their screenshots (gitignored). */
export const artifacts = fileURLToPath(new URL("../../test-artifacts/", import.meta.url));

/** The admin every demo-based browser test signs in as. */
export const admin = { email: "ada@example.com", password: "correct horse battery staple" };

export interface DemoWorld {
  server: RunningServer;
  browser: Browser;
  close(): Promise<void>;
}

/**
 * What most browser tests start from: Chromium, the real server on a fresh database, an admin created on
 * the host with the CLI (no setup link), and `opsdeck demo` applied.
 */
export async function startDemoWorld(): Promise<DemoWorld> {
  await mkdir(artifacts, { recursive: true });
  const browser = await launchChromium();
  const server = await startServer();
  try {
    await runCli(
      server,
      ["user", "create", "--email", admin.email, "--role", "admin", "--password-stdin"],
      admin.password,
    );
    await runCli(server, ["demo"]);
  } catch (error) {
    await browser.close();
    await server.stop();
    throw error;
  }
  return {
    server,
    browser,
    async close() {
      await browser.close();
      await server.stop();
    },
  };
}
