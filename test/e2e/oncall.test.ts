import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Browser } from "playwright-core";
import { artifacts, type DemoWorld, signIn, startDemoWorld, watchErrors } from "./demo-world.ts";
import type { RunningServer } from "./server.ts";

let server: RunningServer | undefined;
let browser: Browser | undefined;

let world: DemoWorld | undefined;

before(async () => {
  world = await startDemoWorld();
  ({ server, browser } = world);
});

after(() => world?.close());

/** `datetime-local` text of an instant; the browser context runs in UTC. */
function local(date: Date): string {
  return date.toISOString().slice(0, 16);
}

test("on-call: a schedule's timeline, an override through the UI, on call now", {
  timeout: 180_000,
}, async () => {
  assert.ok(browser && server, "before() did not finish");
  const context = await browser.newContext({
    baseURL: server.baseUrl,
    colorScheme: "light",
    timezoneId: "UTC",
    viewport: { width: 1440, height: 1000 },
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const errors = await watchErrors(context, page);
  try {
    await signIn(page);

    // The list: every demo schedule with who is on call now.
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "On-call" }).click();
    await page.getByRole("heading", { name: "On-call", exact: true }).waitFor();
    const row = page.locator('tr[data-schedule="platform-primary"]');
    await row.waitFor();
    assert.notEqual((await row.locator(".oncall-now").textContent())?.trim(), "erin");

    // The schedule: its layers, and the overrides row and the final schedule on the timeline.
    await row.getByRole("link", { name: "platform-primary" }).click();
    await page.getByRole("heading", { name: "platform-primary", level: 1 }).waitFor();
    const timeline = page.locator(".oncall-timeline svg");
    await page.getByRole("region", { name: "Layers" }).getByText("weekly").waitFor();
    await timeline.locator('[data-row="overrides"]').waitFor();
    // One row per layer, computed in the browser by the engine (no zod in the bundle: no CSP error).
    await timeline.locator('[data-row^="layer-"] .timeline-bar').first().waitFor();
    await timeline.locator('[data-row="final"] .timeline-bar').first().waitFor();
    assert.equal(await timeline.locator('[data-row="overrides"] [data-user="erin"]').count(), 0);

    // An override for erin from a minute ago to three hours from now, through the form.
    const now = Date.now();
    const form = page.getByRole("region", { name: "New override" });
    await form.getByLabel("User").fill("erin");
    await form.getByLabel("Start").fill(local(new Date(now - 60_000)));
    await form.getByLabel("End").fill(local(new Date(now + 3 * 3_600_000)));
    await form.getByLabel("Reason").fill("Cover me: dentist");
    await form.getByRole("button", { name: "Create override" }).click();
    await form.getByText("Override created.").waitFor();

    // It is drawn in the overrides row and wins in the final schedule; erin is on call now.
    await timeline.locator('[data-row="overrides"] [data-user="erin"]').waitFor();
    await timeline.locator('[data-row="final"] [data-user="erin"]').waitFor();
    await page.getByRole("region", { name: "Overrides" }).getByText("Cover me: dentist").waitFor();
    await page.locator('[data-oncall-now="erin"]').waitFor();
    await page.getByRole("region", { name: "On call now" }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${artifacts}oncall.png` });

    await page.getByRole("link", { name: "On-call schedules" }).click();
    await page.locator('tr[data-schedule="platform-primary"] .oncall-now', { hasText: "erin" }).waitFor();
    assert.deepEqual(errors(), [], "the pages logged errors");
  } catch (error) {
    await page.screenshot({ path: `${artifacts}oncall-failure.png`, fullPage: true }).catch(() => {});
    throw new Error(`${(error as Error).message}\n--- server output ---\n${server.output()}`, {
      cause: error,
    });
  } finally {
    await context.close();
  }
});
