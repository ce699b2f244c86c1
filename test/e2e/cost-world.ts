import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { admin, artifacts, type DemoWorld, watchErrors } from "./demo-world.ts";

/**
 * Like demo-world's runScenario, but signed in by waiting for the main navigation rather than the home
 * page's heading (which other modules change): one signed-in scenario, failing on any page error, with a
 * screenshot and the server's output on failure.
 */
export async function runCostScenario(
  world: DemoWorld | undefined,
  name: string,
  body: (page: Page) => Promise<void>,
  options: {
    /** Console errors the scenario causes on purpose (a refused request); each must occur exactly once. */
    expected?: RegExp[];
    /** Who signs in; the demo admin by default. */
    user?: { email: string; password: string };
  } = {},
): Promise<void> {
  const { expected = [], user = admin } = options;
  assert.ok(world, "before() did not finish");
  const { browser, server } = world;
  const context = await browser.newContext({
    baseURL: server.baseUrl,
    colorScheme: "light",
    timezoneId: "UTC",
    acceptDownloads: true,
    viewport: { width: 1440, height: 1000 },
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const errors = await watchErrors(context, page);
  try {
    await openLoginPage(page);
    await page.getByLabel("Email", { exact: true }).fill(user.email);
    await page.getByLabel("Password", { exact: true }).fill(user.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    // Password hashing is slow on a busy machine: signing in gets more time than a page.
    await page.getByRole("navigation", { name: "Main" }).waitFor({ timeout: 60_000 });
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
