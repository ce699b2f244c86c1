import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { alertmanagerPayload, assertNotReloaded, integration, markDocument, sendAlert } from "./alerting.ts";
import { launchChromium } from "./browser.ts";
import { runScenario } from "./demo-world.ts";
import { type RunningServer, runCli, startServer } from "./server.ts";

const artifacts = fileURLToPath(new URL("../../test-artifacts/", import.meta.url));
const admin = { email: "ada@example.com", password: "correct horse battery staple" };

let server: RunningServer | undefined;
let browser: Browser | undefined;
/** An admin API token, for what the test does as a sender (reading an integration's URL and key). */
let token = "";

before(async () => {
  await mkdir(artifacts, { recursive: true });
  browser = await launchChromium();
  server = await startServer();
  // Prepared as an operator would: an admin from the CLI, the demo organisation (it seeds integrations
  // and incidents), and an API token for scripts.
  await runCli(
    server,
    ["user", "create", "--email", admin.email, "--role", "admin", "--password-stdin"],
    admin.password,
  );
  await runCli(server, ["demo"]);
  const created = JSON.parse(
    await runCli(server, ["token", "create", "--email", admin.email, "--name", "e2e-sender", "--json"]),
  ) as { token: string };
  token = created.token;
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** Sends an alert to a demo integration, with the URL and key the API reports for it. */
async function send(name: string, body: unknown): Promise<void> {
  assert.ok(server);
  await sendAlert(await integration(server.baseUrl, token, name), body);
}

async function scenario(name: string, body: (page: Page) => Promise<void>) {
  await runScenario({ browser, server }, name, body);
}

test("incidents: list, declare, note, acknowledge, live alerts, resolve", { timeout: 180_000 }, async () => {
  await scenario("incidents", async (page) => {
    // The home page answers "is anything on fire?" first, with the newest open incidents (which ones
    // depends on the day: other modules' demo alerts open incidents too).
    await page
      .getByRole("region", { name: /^Open incidents \(\d+\)/ })
      .locator("tbody tr")
      .first()
      .waitFor();

    // 1. The list: open incidents by default, counts on the status tabs, filters in the URL.
    const main = page.getByRole("navigation", { name: "Main" });
    await main.getByRole("link", { name: "Incidents" }).click();
    await page.getByRole("heading", { name: "Incidents", exact: true }).waitFor();
    const rows = page.locator(".incident-table tbody tr");
    await rows.first().waitFor();
    // Other modules' demo data (imported history, SLO pages, cost alerts) adds incidents: count through the API.
    const listed = await page.request.get(`${new URL(page.url()).origin}/api/v1/incidents?limit=1000`);
    const demo = (await listed.json()).items as { status: string; service: string | null }[];
    const open = demo.filter((i) => i.status !== "resolved");
    assert.ok(open.length >= 2, "the demo has open incidents");
    assert.equal(await rows.count(), open.length, "the list shows the open incidents");
    const shown = (n: number) => (n >= 1000 ? "1000+" : String(n));
    await page.locator('[data-count="all"]').getByText(shown(demo.length)).waitFor();
    await page
      .locator('[data-count="resolved"]')
      .getByText(shown(demo.length - open.length))
      .waitFor();
    await page.getByRole("link", { name: /^Resolved/ }).click();
    await page.waitForURL(/status=resolved/);
    await page.locator('.incident-table tbody tr[data-status="resolved"]').first().waitFor();
    assert.equal(await page.locator('.incident-table tbody tr:not([data-status="resolved"])').count(), 0);
    await page.getByRole("link", { name: /^Open/ }).click();
    await page.getByLabel("Service", { exact: true }).selectOption("ingress-gateway");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await page.waitForURL((url) => url.searchParams.get("service") === "ingress-gateway");
    await rows.filter({ hasText: "UptimeCheckFailed" }).waitFor({ state: "detached" });
    const openOnGateway = open.filter((i) => i.service === "ingress-gateway").length;
    assert.ok(openOnGateway > 0, "the demo has open incidents on ingress-gateway to filter for");
    assert.equal(await rows.count(), openOnGateway);
    await page.getByRole("button", { name: "Clear" }).click();
    await page.waitForURL((url) => !url.searchParams.has("service"));

    // 2. Declare an incident through the form; it opens on its own page.
    await page.getByRole("button", { name: "Declare incident" }).click();
    const form = page.getByRole("region", { name: "Declare an incident" });
    await form.getByLabel("Title").fill("Checkout fails for some customers");
    await form.getByLabel("Severity").selectOption("SEV2");
    await form.getByLabel("Affected service").selectOption("ingress-gateway");
    await form.getByLabel("Summary").fill("Support reports failed payments since 10:40.");
    await form.getByRole("button", { name: "Declare incident" }).click();
    await page.waitForURL(/\/incidents\/\d+$/);
    const declared = page.url().split("/").at(-1) ?? "";
    await page.getByRole("heading", { name: "Checkout fails for some customers", level: 1 }).waitFor();
    const details = page.getByRole("region", { name: "Details" });
    await details.getByRole("link", { name: "ingress-gateway" }).waitFor();
    await page.getByText("Support reports failed payments since 10:40.").waitFor();

    // 3. A note, then acknowledge, then take command: each lands in the timeline.
    await page.getByLabel("Note", { exact: true }).fill("Payments API returns 502 from the gateway.");
    await page.getByRole("button", { name: "Add note" }).click();
    await page
      .locator('li[data-kind="note"]')
      .getByText("Payments API returns 502 from the gateway.")
      .waitFor();
    await page.getByRole("button", { name: "Acknowledge" }).click();
    await details.locator(".status-badge", { hasText: "Acknowledged" }).waitFor();
    await page.locator('li[data-kind="incident.acknowledged"]').waitFor();
    assert.equal(await page.getByRole("button", { name: "Acknowledged" }).isDisabled(), true);
    await page.getByRole("button", { name: "Take command" }).click();
    await page.locator('li[data-role="commander"] .role-holder', { hasText: "ada" }).waitFor();
    await page.locator('li[data-kind="role"]').getByText("ada is commander").waitFor();

    // 4. Live list: an alert from a script opens an incident that appears without a reload.
    await main.getByRole("link", { name: "Incidents" }).click();
    await page.locator(`.incident-table tr[data-incident="${declared}"]`).waitFor();
    await page.getByText("Live", { exact: true }).waitFor();
    await markDocument(page);
    await send("ci-hooks", {
      title: "Disk 97% full on ci-runner-7",
      severity: "critical",
      dedupKey: "e2e-disk-ci-runner-7",
      labels: { host: "ci-runner-7" },
    });
    await rows.filter({ hasText: "Disk 97% full on ci-runner-7" }).waitFor();
    await assertNotReloaded(page);

    // 5. Live incident page: an Alertmanager alert of the same group joins the open gateway incident.
    await rows.getByRole("link", { name: /^HighErrorRate/ }).click();
    await page.getByRole("heading", { name: /^HighErrorRate/, level: 1 }).waitFor();
    const alerts = page.getByRole("region", { name: /^Alerts \(/ });
    await alerts.getByText("2 of 2 still open").waitFor();
    const fired = page.locator('li[data-kind="alert.firing"]');
    assert.equal(await fired.count(), 2);
    await page.locator(".incident-headline").getByText("Live").waitFor();
    // The server ends each stream after a few seconds; the alert is sent after EventSource reconnected.
    await page.waitForRequest(/\/api\/v1\/incidents\/stream\?incident=/, { timeout: 15_000 });
    await markDocument(page);
    await send("prometheus-prod", alertmanagerPayload("e2e0000000000001", "us-east-1"));
    await alerts.locator('tr[data-alert="e2e0000000000001"]').waitFor();
    await alerts.getByText("3 of 3 still open").waitFor();
    await fired
      .nth(2)
      .getByText(/5xx ratio 3.4% over 5 minutes in us-east-1/)
      .waitFor();
    await assertNotReloaded(page);
    // Runbooks come from the service and from the alerts' annotations.
    await page
      .getByRole("region", { name: "Runbooks" })
      .getByRole("link", { name: /HighErrorRate/ })
      .waitFor();

    // 6. Resolve it.
    await page.getByRole("button", { name: "Resolve" }).click();
    await details.locator(".status-badge", { hasText: "Resolved" }).waitFor();
    await page.locator('li[data-kind="incident.resolved"]').waitFor();
    assert.equal(await page.getByRole("button", { name: "Resolved" }).isDisabled(), true);
    await page.mouse.move(0, 0);
    await page.screenshot({ path: `${artifacts}incident.png`, fullPage: true });
  });
});

test("alerts: integration config, silences, suppressed alerts", { timeout: 180_000 }, async () => {
  await scenario("alerts", async (page) => {
    assert.ok(server);
    const expected = await integration(server.baseUrl, token, "prometheus-prod");

    // 1. The integration page: URL, masked key, and the Alertmanager receiver to paste.
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Alerts" }).click();
    await page.getByRole("navigation", { name: "Alert status" }).waitFor();
    await page.getByRole("link", { name: "Integrations" }).click();
    await page.getByRole("link", { name: "prometheus-prod" }).click();
    await page.getByRole("heading", { name: "prometheus-prod", level: 1 }).waitFor();
    const receiver = page.locator('[data-snippet="alertmanager"] pre');
    const snippet = (await receiver.textContent()) ?? "";
    assert.ok(snippet.includes(`url: ${expected.url}`), snippet);
    assert.ok(snippet.includes("webhook_configs:") && snippet.includes("credentials: odi_"), snippet);
    assert.ok(!snippet.includes(expected.key), "the key is masked until revealed");
    await page.getByRole("button", { name: "Reveal" }).click();
    assert.ok(((await receiver.textContent()) ?? "").includes(`credentials: ${expected.key}`));
    const prometheus = (await page.locator('[data-snippet="prometheus"] pre').textContent()) ?? "";
    assert.ok(prometheus.includes(`path_prefix: ${new URL(expected.url).pathname}`), prometheus);
    await page.getByRole("button", { name: "Hide" }).click();
    await page.mouse.move(0, 0);
    await page.screenshot({ path: `${artifacts}integration.png`, fullPage: true });

    // 2. A silence made in the UI suppresses a matching alert, which shows up live as suppressed.
    await page.locator(".breadcrumb").getByRole("link", { name: "Integrations" }).click();
    await page.getByRole("link", { name: "Silences" }).click();
    await page.getByRole("button", { name: "New silence" }).click();
    await page.getByLabel("Matchers").fill('host="ci-runner-9"');
    await page.getByLabel("Duration").selectOption("1h");
    await page.getByLabel("Comment").fill("Replacing the disk of ci-runner-9");
    await page.getByRole("button", { name: "Create silence" }).click();
    const silence = page.locator('.silence-table tr[data-state="active"]').filter({ hasText: "ci-runner-9" });
    await silence.waitFor();
    await page.getByRole("navigation", { name: "Alerting" }).getByRole("link", { name: "Alerts" }).click();
    await page.getByRole("link", { name: "Suppressed" }).click();
    await page.waitForURL(/status=suppressed/);
    await page.getByText("No suppressed alerts.").waitFor();
    await markDocument(page);
    await send("ci-hooks", { title: "Disk SMART errors on ci-runner-9", labels: { host: "ci-runner-9" } });
    await page.locator(".alert-table tbody tr").filter({ hasText: "ci-runner-9" }).waitFor();
    await assertNotReloaded(page);

    // 3. Label filters narrow the list; expiring the silence ends it.
    await page.getByLabel("Labels").fill("host=ci-runner-8");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await page.getByText("No suppressed alerts match these filters.").waitFor();
    await page.getByRole("link", { name: "Silences" }).click();
    await silence.getByRole("button", { name: "Expire" }).click();
    await page
      .locator('.silence-table tr[data-state="expired"]')
      .filter({ hasText: "ci-runner-9" })
      .waitFor();
  });
});
