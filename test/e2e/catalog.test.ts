import assert from "node:assert/strict";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { launchChromium } from "./browser.ts";
import { largeCatalog } from "./catalog-fixture.ts";
import { runScenario } from "./demo-world.ts";
import { type RunningServer, runCli, startServer } from "./server.ts";

const artifacts = fileURLToPath(new URL("../../test-artifacts/", import.meta.url));
const admin = { email: "ada@example.com", password: "correct horse battery staple" };

let server: RunningServer | undefined;
let browser: Browser | undefined;

before(async () => {
  await mkdir(artifacts, { recursive: true });
  browser = await launchChromium();
  server = await startServer();
  // Prepared as an operator would: an admin from the CLI, then the demo organisation.
  await runCli(
    server,
    ["user", "create", "--email", admin.email, "--role", "admin", "--password-stdin"],
    admin.password,
  );
  await runCli(server, ["demo"]);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function scenario(name: string, body: (page: Page) => Promise<void>) {
  await runScenario({ browser, server }, name, body);
}

/** The text of the definition-list value next to a term of the Details panel. */
async function detail(page: Page, term: string): Promise<string> {
  const dd = page.getByRole("region", { name: "Details" }).locator(`dt:text-is("${term}") + dd`);
  return (await dd.textContent())?.trim() ?? "";
}

test("catalog: filter the list, read a service page, explore its graph", { timeout: 180_000 }, async () => {
  await scenario("catalog", async (page) => {
    // 1. The list, filtered by tier through the form; the filter lands in the URL.
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Catalog" }).click();
    await page.getByRole("heading", { name: "Catalog", exact: true }).waitFor();
    const rows = page.locator(".catalog-table tbody tr");
    await rows.first().waitFor();
    assert.equal(await rows.count(), 25, "the first page is full (28 demo services, 25 a page)");
    await page.getByRole("link", { name: "Next" }).click();
    await page.waitForURL(/page=2/);
    await page.getByText("26–28 of 28").waitFor();
    await page.getByLabel("Tier", { exact: true }).selectOption("1");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await page.waitForURL((url) => url.searchParams.get("tier") === "1" && !url.searchParams.has("page"));
    await page.getByText("1–12 of 12").waitFor();
    const tiers = await page.locator(".catalog-table tbody .tier-badge").allTextContents();
    assert.equal(tiers.length, 12);
    assert.ok(
      tiers.every((t) => t === "Tier 1"),
      `only tier 1 services: ${tiers}`,
    );
    // A shared link reproduces the same view.
    await page.reload();
    await page.getByText("1–12 of 12").waitFor();
    assert.equal(await page.getByLabel("Tier", { exact: true }).inputValue(), "1");

    // 2. The service page: owner, tier, RTO/RPO, dependencies both ways, scorecard with reasons.
    await page.getByRole("link", { name: "Vault", exact: true }).click();
    await page.getByRole("heading", { name: "Vault", level: 1 }).waitFor();
    assert.equal(await detail(page, "Owner"), "Platform Engineering");
    assert.equal(await detail(page, "Tier"), "Tier 1");
    assert.equal(await detail(page, "RTO"), "1 h PT1H");
    assert.equal(await detail(page, "RPO"), "15 min PT15M");
    const needs = page.getByRole("region", { name: "Depends on" });
    await needs.getByRole("link", { name: "service-mesh" }).waitFor();
    await needs.getByRole("link", { name: "vault-storage" }).waitFor();
    const neededBy = page.getByRole("region", { name: "Needed by" });
    await neededBy.getByRole("link", { name: "cert-manager" }).waitFor();
    await page.getByLabel("Depth").selectOption("3");
    await page.waitForURL(/depth=3/);
    await needs.locator('tr[data-depth="3"]').first().waitFor();
    await needs.getByText(/Dependency cycle among cert-manager, service-mesh, vault/).waitFor();
    const scorecard = page.getByRole("region", { name: "Readiness scorecard" });
    assert.equal(await scorecard.locator(".level-badge").textContent(), "Gold");
    assert.equal(await scorecard.locator('[data-status="fail"]').count(), 0, "every check passes");
    assert.ok((await scorecard.locator('[data-status="pass"]').count()) >= 5, "each check is listed");
    await page.screenshot({ path: `${artifacts}catalog-service.png`, fullPage: true });

    // A service with failing checks shows each one with its reason.
    await page.goto("/catalog/service/waf");
    await page.getByRole("heading", { name: "Web Application Firewall" }).waitFor();
    await scorecard.locator(".level-badge").getByText("Bronze").waitFor();
    const runbook = scorecard.locator('[data-check="catalog.has-runbook"]');
    assert.equal(await runbook.getAttribute("data-status"), "fail");
    await runbook.getByText("no runbook link in spec.runbooks").waitFor();
    await scorecard.locator('[data-check="catalog.rto-rpo-set"]').getByText("missing rpo").waitFor();
    // An unresolved dependency is shown as such, not as a link.
    await page.goto("/catalog/service/identity-sso");
    await page
      .getByRole("region", { name: "Unresolved references" })
      .getByText("service:legacy-ldap")
      .waitFor();
    await page.getByRole("region", { name: "Depends on" }).getByText("not in catalog").waitFor();

    // 3. The graph around Vault: nodes drawn, cycle edges marked, neighbourhood lit on hover.
    await page.goto("/catalog/service/vault");
    await page.getByRole("link", { name: "Dependency graph" }).click();
    await page.waitForURL(/\/catalog\/graph\?/);
    const svg = page.locator("svg.graph-svg[data-node-count]");
    await svg.waitFor();
    const nodes = page.locator("svg.graph-svg g.node");
    assert.ok((await nodes.count()) >= 10, `nodes drawn: ${await nodes.count()}`);
    assert.equal(await nodes.count(), Number(await svg.getAttribute("data-node-count")));
    await page.locator('g.node[data-root="true"][data-node-id="service:vault"]').waitFor();
    assert.equal(
      await page.locator("svg.graph-svg path.edge-cycle").count(),
      3,
      "vault -> service-mesh -> cert-manager -> vault",
    );
    await page.locator('g.node[data-node-id="service:service-mesh"]').hover();
    await page.locator('g.node.node-focus[data-node-id="service:service-mesh"]').waitFor();
    assert.ok(
      (await page.locator("g.node.node-dim").count()) > 0,
      "nodes outside the neighbourhood are dimmed",
    );
    assert.equal(await page.locator('g.node.node-near[data-node-id="service:cert-manager"]').count(), 1);
    await page.locator(".graph-info-cycle").waitFor();
    await page.mouse.move(0, 0);
    const drawn = String(await nodes.count());
    await page.getByLabel("Depth").selectOption("1");
    await page.getByRole("button", { name: "Show graph" }).click();
    await page.waitForURL(/depth=1/);
    await page.locator(`svg.graph-svg:not([data-node-count="${drawn}"])`).waitFor();
    assert.ok(Number(await svg.getAttribute("data-node-count")) < Number(drawn), "depth 1 draws fewer nodes");
    await page.getByLabel("Depth").selectOption("2");
    await page.getByRole("button", { name: "Show graph" }).click();
    await page.locator('g.node[data-node-id="resource:k8s-prod"]').waitFor();
    await page.screenshot({ path: `${artifacts}catalog-graph.png`, fullPage: true });

    // 4. Clicking a node opens its page.
    await page.locator('g.node[data-node-id="service:cert-manager"] a').click();
    await page.waitForURL(/\/catalog\/service\/cert-manager$/);
    await page.getByRole("heading", { name: "cert-manager", level: 1 }).waitFor();

    // 5. The owner team's page lists its services and their readiness.
    await page
      .getByRole("region", { name: "Details" })
      .getByRole("link", { name: "Platform Engineering" })
      .click();
    await page.getByRole("heading", { name: "Platform Engineering" }).waitFor();
    await page.getByRole("region", { name: "Services (12)" }).getByRole("link", { name: "Vault" }).waitFor();
    await page.getByRole("region", { name: "Readiness scorecard" }).getByText("Has a runbook link").waitFor();
  });
});

test("catalog: the graph stays usable at a few hundred nodes", { timeout: 180_000 }, async () => {
  assert.ok(server, "before() did not finish");
  const dir = await mkdtemp(join(tmpdir(), "opsdeck-catalog-"));
  try {
    const large = largeCatalog(250);
    await writeFile(join(dir, "large.yaml"), large.yaml);
    await runCli(server, ["apply", "-f", join(dir, "large.yaml")]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  await scenario("catalog-large", async (page) => {
    await page.goto("/catalog/graph?root=service:vault&depth=10");
    const svg = page.locator("svg.graph-svg[data-node-count]");
    await svg.waitFor({ timeout: 60_000 });
    const count = Number(await svg.getAttribute("data-node-count"));
    assert.ok(count >= 250, `a few hundred nodes drawn: ${count}`);
    // Too large to read whole: it opens on the root at a readable scale, with a minimap for the rest.
    await page.locator(".graph-minimap").waitFor();
    await page.getByPlaceholder(/Find among/).fill("payments-worker");
    await page.getByRole("button", { name: "Find", exact: true }).click();
    const found = page.locator('g.node.node-focus[data-node-id="service:payments-worker"]');
    await found.waitFor();
    await page.screenshot({ path: `${artifacts}catalog-graph-large.png`, fullPage: true });
    await found.locator("a").click();
    await page.waitForURL(/\/catalog\/service\/payments-worker$/);
    await page.getByRole("heading", { name: "payments-worker", level: 1 }).waitFor();
  });
});
