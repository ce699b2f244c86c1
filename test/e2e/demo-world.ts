import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { Browser, BrowserContext, Page } from "playwright-core";
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

/**
 * Page crashes, console errors and CSP violations. Chrome reports a blocked inline style as a console error;
 * the listener installed before any page script catches the violation event as well. The one expected
 * error is the 401 of the session probe before signing in.
 */
export async function watchErrors(context: BrowserContext, page: Page): Promise<() => string[]> {
  const errors: string[] = [];
  await context.addInitScript({
    content: `document.addEventListener("securitypolicyviolation", (e) =>
      console.error("CSP violation: " + e.violatedDirective + " " + e.blockedURI));`,
  });
  page.on("pageerror", (error) => errors.push(`page error: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    const expected401 =
      message.text().includes("status of 401") && message.location().url.endsWith("/auth/me");
    if (!expected401) errors.push(`console: ${message.text()} (${message.location().url})`);
  });
  return () => errors;
}

/**
 * The login page, retried for a minute: another checkout's `npm run build:web` empties the shared web
 * build for a few seconds, and the server answers 404 meanwhile.
 */
async function openLoginPage(page: Page): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    await page.goto("/login");
    try {
      await page.getByLabel("Email", { exact: true }).waitFor({ timeout: 5_000 });
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
  }
}

/** Signs in through the login page (as `admin` unless told) and waits for the home page. */
export async function signIn(page: Page, user: { email: string; password: string } = admin): Promise<void> {
  await openLoginPage(page);
  await page.getByLabel("Email", { exact: true }).fill(user.email);
  await page.getByLabel("Password", { exact: true }).fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  // Password hashing is slow on a busy machine: signing in gets more time than a page.
  await page.getByRole("heading", { name: /^Welcome/ }).waitFor({ timeout: 60_000 });
}

export interface ScenarioOptions {
  /** Console errors the scenario causes on purpose (a refused request); each must occur exactly once. */
  expected?: RegExp[];
  /** Who signs in; the demo admin by default. */
  user?: { email: string; password: string };
  colorScheme?: "light" | "dark";
  /** The browser's time zone; the machine's by default. */
  timezoneId?: string;
}

/**
 * Runs one signed-in browser scenario in its own context and fails it on any page error it did not
 * expect; on failure it saves a screenshot and attaches the server's output.
 */
export async function runScenario(
  world: { browser?: Browser; server?: RunningServer } | undefined,
  name: string,
  body: (page: Page) => Promise<void>,
  options: ScenarioOptions = {},
): Promise<void> {
  const { browser, server } = world ?? {};
  assert.ok(browser && server, "before() did not finish");
  const { expected = [] } = options;
  const context = await browser.newContext({
    baseURL: server.baseUrl,
    colorScheme: options.colorScheme ?? "light",
    ...(options.timezoneId ? { timezoneId: options.timezoneId } : {}),
    acceptDownloads: true,
    viewport: { width: 1440, height: 1000 },
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const errors = await watchErrors(context, page);
  try {
    await signIn(page, options.user);
    await body(page);
    for (const pattern of expected)
      assert.equal(
        errors().filter((e) => pattern.test(e)).length,
        1,
        `expected one console error ${pattern}`,
      );
    const unexpected = errors().filter((e) => !expected.some((pattern) => pattern.test(e)));
    assert.deepEqual(unexpected, [], "the pages logged errors");
  } catch (error) {
    await page.screenshot({ path: `${artifacts}${name}-failure.png`, fullPage: true }).catch(() => {});
    throw new Error(`${(error as Error).message}\n--- server output ---\n${server.output()}`, {
      cause: error,
    });
  } finally {
    await context.close();
  }
}
