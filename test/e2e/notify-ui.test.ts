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

test("escalation and notifications: edit a policy, contact methods and rules, the log", {
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
  const nav = page.getByRole("navigation", { name: "Main" });
  try {
    await signIn(page);

    // The list of policies, then the demo policy "edge" in the editor.
    await nav.getByRole("link", { name: "Escalation" }).click();
    await page.getByRole("heading", { name: "Escalation policies", exact: true }).waitFor();
    const row = page.locator('tr[data-policy="edge"]');
    await row.getByText("schedule:network-primary").waitFor();
    await row.getByRole("link", { name: "edge" }).click();
    await page.getByRole("heading", { name: "edge", level: 1 }).waitFor();
    const wait1 = page.getByLabel("Level 1 after minutes", { exact: true });
    const targets1 = page.getByLabel("Level 1 targets", { exact: true });
    assert.equal(await wait1.inputValue(), "10");

    // An unknown schedule: the API's field error is shown next to the level's targets.
    await wait1.fill("12");
    await targets1.fill("schedule:no-such-schedule");
    await page.getByRole("button", { name: "Save policy" }).click();
    await page.locator(".level-row[data-level='1'] .field-error", { hasText: "no schedule named" }).waitFor();
    await page.screenshot({ path: `${artifacts}escalation-field-error.png` });

    // Fixed, saved, and still there after a reload.
    await targets1.fill("schedule:platform-primary");
    await page.getByRole("button", { name: "Save policy" }).click();
    await page.getByText("Policy saved.").waitFor();
    await page.reload();
    await page.getByRole("heading", { name: "edge", level: 1 }).waitFor();
    assert.equal(await page.getByLabel("Level 1 after minutes", { exact: true }).inputValue(), "12");
    assert.equal(
      await page.getByLabel("Level 1 targets", { exact: true }).inputValue(),
      "schedule:platform-primary",
    );
    await page.screenshot({ path: `${artifacts}escalation.png`, fullPage: true });

    // My notifications: an e-mail method (with its immediate rule), then a second rule 10 minutes later.
    await nav.getByRole("link", { name: "My notifications" }).click();
    await page.getByRole("heading", { name: "My notifications", exact: true }).waitFor();
    const add = page.getByRole("region", { name: "Add a contact method" });
    await add.getByLabel("Email address").fill("ada.pager@example.com");
    await add.getByLabel("Label").fill("Pager mail");
    await add.getByRole("button", { name: "Add contact method" }).click();
    await add.getByText('Contact method "Pager mail" added.').waitFor();
    const methods = page.getByRole("region", { name: "Contact methods" });
    await methods.locator('li[data-method="Pager mail"]').getByText("ada.pager@example.com").waitFor();
    const rules = page.getByRole("region", { name: "Notification rules" });
    await rules.getByLabel("Rule 1 delay minutes", { exact: true }).waitFor();
    await rules.getByRole("button", { name: "Add rule" }).click();
    await rules.getByLabel("Rule 2 delay minutes", { exact: true }).fill("10");
    await rules.getByRole("button", { name: "Save rules" }).click();
    await rules.getByText("Rules saved.").waitFor();
    await page.reload();
    await page.getByRole("heading", { name: "My notifications", exact: true }).waitFor();
    assert.equal(await rules.getByLabel("Rule 1 delay minutes", { exact: true }).inputValue(), "0");
    assert.equal(await rules.getByLabel("Rule 2 delay minutes", { exact: true }).inputValue(), "10");
    assert.match(await rules.getByLabel("Rule 2 contact method").inputValue(), /\S/);
    await methods.locator('li[data-method="Pager mail"]').getByRole("button", { name: "Send test" }).click();
    await methods.getByText("Test message queued").waitFor();
    await page.screenshot({ path: `${artifacts}my-notifications.png`, fullPage: true });

    // The notification log (managers): the test message is in it, with its state.
    await nav.getByRole("link", { name: "Notification log" }).click();
    await page.getByRole("heading", { name: "Notification log", exact: true }).waitFor();
    await page.locator("table.log-table tbody tr[data-state]").first().waitFor();
    await page.getByLabel("State").selectOption("sent");
    await page.getByRole("button", { name: "Apply" }).click();
    await page.waitForURL(/state=sent/);
    // The one refused save above is the browser's only expected error line (a 400 from the PUT).
    const unexpected = errors().filter(
      (e) => !(e.includes("status of 400") && e.includes("/api/v1/escalation-policies/edge")),
    );
    assert.equal(errors().length - unexpected.length, 1, "the refused save was not logged once");
    assert.deepEqual(unexpected, [], "the pages logged errors");
  } catch (error) {
    await page.screenshot({ path: `${artifacts}notify-ui-failure.png`, fullPage: true }).catch(() => {});
    throw new Error(`${(error as Error).message}\n--- server output ---\n${server.output()}`, {
      cause: error,
    });
  } finally {
    await context.close();
  }
});
