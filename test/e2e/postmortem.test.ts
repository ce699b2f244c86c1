import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { artifacts, type DemoWorld, runScenario, startDemoWorld } from "./demo-world.ts";

let world: DemoWorld | undefined;

before(async () => {
  world = await startDemoWorld();
});

after(() => world?.close());

test("postmortem: write one for a resolved incident, get refused for an ownerless action item, publish", {
  timeout: 180_000,
}, async () => {
  await runScenario(
    world,
    "postmortem",
    async (page) => {
      const nav = page.getByRole("navigation", { name: "Main" });

      // The demo's postmortems: one published (with an overdue action item), one draft.
      await nav.getByRole("link", { name: "Postmortems" }).click();
      await page.getByRole("heading", { name: "Postmortems", exact: true, level: 1 }).waitFor();
      await page.locator("tr[data-postmortem]").first().waitFor();
      assert.equal(await page.locator('tr[data-postmortem] [data-status="published"]').count(), 1);
      assert.equal(await page.locator('tr[data-postmortem] [data-status="draft"]').count(), 1);

      // The gateway incident is still open: resolve it, then start its postmortem from the incident page.
      await nav.getByRole("link", { name: "Incidents" }).click();
      await page
        .getByRole("link", { name: /^HighErrorRate/ })
        .first()
        .click();
      await page.getByRole("heading", { name: /^HighErrorRate/, level: 1 }).waitFor();
      const matches = page.getByRole("region", { name: "Runbook matches" });
      await matches.getByRole("link", { name: "Ingress gateway: high 5xx rate" }).waitFor();
      await page.getByRole("button", { name: "Resolve" }).click();
      await page.locator('li[data-kind="incident.resolved"]').waitFor();
      await page
        .getByRole("region", { name: "Postmortem" })
        .getByRole("button", { name: "Start postmortem" })
        .click();

      // The editor: the template's timeline came from the incident.
      await page.getByRole("heading", { name: /^Postmortem: HighErrorRate/, level: 1 }).waitFor();
      const timeline = page.locator('[data-section="timeline"]');
      await timeline.getByText(/Rollback of gateway v2\.14\.0 at 50%/).waitFor();

      // Fill two sections, checking the preview renders Markdown (and leaves HTML as text).
      await page.getByRole("button", { name: "Edit Summary" }).click();
      const summary = page.locator('[data-section="summary"]');
      await summary
        .getByRole("textbox")
        .fill("Gateway **v2.14.0** returned 502 for 7% of requests in eu-west-1. <b>not bold</b>");
      await summary.getByRole("tab", { name: "Preview" }).click();
      await summary.locator(".markdown strong", { hasText: "v2.14.0" }).waitFor();
      await summary.getByText("<b>not bold</b>").waitFor();
      await summary.getByRole("button", { name: "Save summary" }).click();
      await summary.getByRole("button", { name: "Edit Summary" }).waitFor();
      await page.getByRole("button", { name: "Edit Root cause" }).click();
      const rootCause = page.locator('[data-section="rootCause"]');
      await rootCause.getByRole("textbox").fill("A connection pool default changed in the new release.");
      await rootCause.getByRole("button", { name: "Save root cause" }).click();
      await rootCause.getByText("A connection pool default changed in the new release.").waitFor();

      // An action item without owner or due date: publishing is refused, naming it.
      const items = page.getByRole("region", { name: /^Action items/ });
      await items.getByRole("button", { name: "Add action item" }).click();
      await items.getByLabel("Action item", { exact: true }).fill("Canary stage for gateway releases");
      await items.getByRole("button", { name: "Add action item" }).click();
      await items
        .locator('tr[data-action-item="Canary stage for gateway releases"]')
        .getByText("no owner")
        .waitFor();
      await page.getByRole("button", { name: "Submit for review" }).click();
      await page.locator(".pm-headline [data-status='in_review']").waitFor();
      await page.getByRole("button", { name: "Publish" }).click();
      const refusal = page.getByRole("alert").filter({ hasText: "Canary stage for gateway releases" });
      await refusal.getByText(/needs an owner and a due date/).waitFor();
      await page.screenshot({ path: `${artifacts}postmortem-refused.png`, fullPage: true });

      // Fix it: an owner and a due date, then publish.
      await items.getByRole("button", { name: "Edit action item Canary stage for gateway releases" }).click();
      await items.getByLabel("Owner").selectOption("dave");
      await items.getByLabel("Due").fill("2030-01-31");
      await items.getByRole("button", { name: "Save action item" }).click();
      await items
        .locator('tr[data-action-item="Canary stage for gateway releases"]')
        .getByText("2030-01-31")
        .waitFor();
      await page.getByRole("button", { name: "Publish" }).click();
      await page.locator(".pm-headline [data-status='published']").waitFor();
      await page.getByText(/published .* by ada/).waitFor();
      await page.mouse.move(0, 0);
      await page.screenshot({ path: `${artifacts}postmortem.png`, fullPage: true });

      // The incident's timeline records it; the incident page links to it.
      await page.getByRole("link", { name: /^#\d+ HighErrorRate/ }).click();
      await page.locator('li[data-kind="postmortem"]').getByText("Postmortem published").waitFor();
      await page.locator('li[data-kind="postmortem"]').getByText("Postmortem created").waitFor();
      await page.getByRole("region", { name: "Postmortem" }).locator('[data-status="published"]').waitFor();
      await page.mouse.move(0, 0);
      await page.screenshot({ path: `${artifacts}postmortem-incident.png`, fullPage: true });

      // The action items page: the demo's overdue item, filtered to overdue.
      await page.goto("/postmortems/action-items?overdue=true");
      await page.getByRole("heading", { name: "Action items", level: 1 }).waitFor();
      await page
        .locator('tr[data-action-item="Alert on replica volume IOPS above 90% for 10 minutes"]')
        .waitFor();
      assert.equal(await page.locator('tr[data-action-item="Canary stage for gateway releases"]').count(), 0);
      await page.screenshot({ path: `${artifacts}action-items.png`, fullPage: true });
      // Overdue per team and per person: each count links to that list.
      await page.goto("/postmortems/action-items");
      await page
        .getByRole("region", { name: /^Overdue/ })
        .getByRole("link", { name: "carol: 1" })
        .click();
      await page.waitForURL(/owner=carol/);
      await page
        .locator('tr[data-action-item="Alert on replica volume IOPS above 90% for 10 minutes"]')
        .waitFor();
      assert.equal(await page.locator("tr[data-action-item]").count(), 1);

      // A runbook: edit it in the UI, then see the change in the version diff.
      await page.goto("/postmortems/runbooks/certificate-renewal");
      await page.getByRole("heading", { name: "Certificate expiring soon", level: 1 }).waitFor();
      await page.getByRole("button", { name: "Edit" }).click();
      const body = page.getByLabel("Body (Markdown)");
      await body.fill(`${await body.inputValue()}\nPage the platform team if renewal fails twice.\n`);
      await page.getByLabel("What changed").fill("Escalation step");
      await page.getByRole("button", { name: "Save runbook" }).click();
      await page.locator('tr[data-version="2"]').getByText("Escalation step").waitFor();
      const diff = page.getByRole("region", { name: "Changes from v1 to v2" });
      await diff
        .locator(".rb-line-added", { hasText: "Page the platform team if renewal fails twice." })
        .waitFor();
      await page.screenshot({ path: `${artifacts}runbook.png`, fullPage: true });

      // Dark theme: the action items page with its overdue row, and the runbook's diff, stay readable.
      await page.emulateMedia({ colorScheme: "dark" });
      await page.screenshot({ path: `${artifacts}runbook-dark.png`, fullPage: true });
      await page.goto("/postmortems/action-items");
      await page.locator('tr[data-action-item="Canary stage for gateway releases"]').waitFor();
      await page.screenshot({ path: `${artifacts}action-items-dark.png`, fullPage: true });
    },
    // The refused publish is the browser's only expected error line (the 400 of the status change).
    { timezoneId: "UTC", expected: [/status of 400.*\/status\b/] },
  );
});
