import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import type { Page } from "playwright-core";
import { admin, artifacts, type DemoWorld, runScenario, startDemoWorld } from "./demo-world.ts";
import { runCli } from "./server.ts";

/**
 * The SLO pages in a real browser on the demo organisation, plus two SLOs of our own so the test does
 * not depend on what the demo happens to seed: one with pushed events (three hours with an error burst,
 * so the budget is partly spent and burn rates are high) and one with a Prometheus indicator (its source
 * panel and the rules view).
 */

let world: DemoWorld | undefined;
let dir = "";

const manifest = `
apiVersion: opsdeck.dev/v1
kind: SLO
metadata: { name: edge-availability }
spec:
  service: ingress-gateway
  description: Requests through the ingress gateway that succeed
  objective: 0.99
  window: { rolling: 7d }
  indicator: { events: {} }
---
apiVersion: opsdeck.dev/v1
kind: SLO
metadata: { name: edge-prometheus }
spec:
  service: ingress-gateway
  objective: 0.999
  window: { rolling: 28d }
  indicator:
    prometheus:
      bad: 'http_requests_total{job="ingress",code=~"5.."}'
      total: 'http_requests_total{job="ingress"}'
`;

/** 180 minutes of traffic ending two minutes ago: 1000 requests a minute, 8% failing in the last 40. */
function events(nowMs: number) {
  const last = Math.floor(nowMs / 60_000) * 60_000 - 2 * 60_000;
  return Array.from({ length: 180 }, (_, i) => {
    const start = last - (179 - i) * 60_000;
    const failing = i >= 140 ? 80 : i % 10 === 0 ? 3 : 0;
    return { start: new Date(start).toISOString(), good: 1000 - failing, total: 1000 };
  });
}

before(async () => {
  world = await startDemoWorld();
  dir = await mkdtemp(join(tmpdir(), "opsdeck-slo-ui-"));
  await writeFile(join(dir, "slos.yaml"), manifest);
  await runCli(world.server, ["apply", "-f", join(dir, "slos.yaml")]);
  const created = JSON.parse(
    await runCli(world.server, ["token", "create", "--email", admin.email, "--name", "slo-ui", "--json"]),
  ) as { token: string };
  const server = world.server;
  const res = await fetch(`${server.baseUrl}/api/v1/slos/edge-availability/events`, {
    method: "POST",
    headers: { authorization: `Bearer ${created.token}`, "content-type": "application/json" },
    body: JSON.stringify({ events: events(Date.now()) }),
  }).catch((error: Error) => {
    throw new Error(`${error.message}; server output:\n${server.output()}`);
  });
  assert.equal(res.status, 200, await res.text());
});

after(async () => {
  await world?.close();
  await rm(dir, { recursive: true, force: true });
});

async function openSlo(page: Page, name: string) {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "SLOs" }).click();
  await page.getByRole("heading", { name: "SLOs", exact: true }).waitFor();
  await page.locator(`tr[data-slo="${name}"]`).getByRole("link", { name }).click();
  await page.getByRole("heading", { name, level: 1 }).waitFor();
}

test("SLO list, an SLO's chart and burn rates, the Prometheus rules", { timeout: 180_000 }, async () => {
  assert.ok(world);
  await runScenario(world, "slo-ui", async (page) => {
    // The list: our SLO with its budget bar and a link to the service in the catalog.
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "SLOs" }).click();
    await page.getByRole("heading", { name: "SLOs", exact: true }).waitFor();
    const row = page.locator('tr[data-slo="edge-availability"]');
    await row.getByRole("img", { name: /^Error budget left: / }).waitFor();
    assert.equal(
      await row.getByRole("link", { name: "ingress-gateway" }).getAttribute("href"),
      "/catalog/service/ingress-gateway",
    );
    await page.screenshot({ path: `${artifacts}slo-list.png`, fullPage: true });
    // The demo's own SLOs are listed too; one of them opens with its chart and burn rates.
    const names = await page
      .locator("tr[data-slo]")
      .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-slo") ?? ""));
    const demo = names.filter((n) => !n.startsWith("edge-"));
    assert.ok(demo.length > 0, `no demo SLOs listed: ${names.join(", ")}`);
    await openSlo(page, demo[0] as string);
    await page.getByRole("img", { name: /^SLI/ }).first().waitFor();
    await page.getByRole("table", { name: "Burn rates" }).locator('tr[data-window="1h"]').waitFor();

    // The SLO page: the SLI is below the objective after the burst, the charts have lines, and the
    // burn-rate table shows every window: 80 of 1000 failing is 8x a 1% budget at 5m and 30m, below the
    // 14.4x page factor of 5m but above the 6x one of 30m (highlighted); the 3d/6h ticket condition is met.
    await openSlo(page, "edge-availability");
    const chart = page.getByRole("img", { name: "SLI", exact: true });
    await chart.waitFor();
    const line = chart.locator("path.chart-line");
    assert.match((await line.getAttribute("d")) ?? "", /^M[\d.]+,[\d.]+L/);
    await page.getByRole("img", { name: "Error budget remaining" }).waitFor();
    // The last 6 hours: the 3 hours of data now fill half the chart instead of a sliver of 7 days.
    const wholeStart = Number(/^M([\d.]+)/.exec((await line.getAttribute("d")) ?? "")?.[1]);
    await page.getByRole("button", { name: "6 hours" }).click();
    await page.getByRole("button", { name: "6 hours", pressed: true }).waitFor();
    const startX = async () => Number(/^M([\d.]+)/.exec((await line.getAttribute("d")) ?? "")?.[1]);
    for (let tries = 0; (await startX()) > wholeStart - 100; tries++) {
      assert.ok(tries < 50, "the 6-hour chart did not start further left than the 7-day one");
      await page.waitForTimeout(100);
    }
    const burn = page.getByRole("table", { name: "Burn rates" });
    for (const w of ["5m", "30m", "1h", "2h", "6h", "1d", "3d"])
      await burn.locator(`tr[data-window="${w}"]`).waitFor();
    const rate5m = (await burn.locator('tr[data-window="5m"] td').first().textContent()) ?? "";
    assert.match(rate5m, /^8\.00×$/, `5m burn rate: ${rate5m}`);
    assert.equal(await burn.locator('tr[data-window="5m"] td').nth(1).textContent(), "14.4×");
    await burn.locator('tr[data-window="30m"].burn-over-page').waitFor();
    const met = page.getByRole("list", { name: "Alert conditions" }).locator("li.condition-met");
    assert.deepEqual(await met.allTextContents(), ["ticket 3d and 6h above 1×: met"]);
    await page.getByRole("region", { name: "Alert history" }).waitFor();
    await page.screenshot({ path: `${artifacts}slo-page.png`, fullPage: true });

    // The Prometheus SLO shows its queries; the rules view has the recording rules and a copy button.
    const sourceRequests: string[] = [];
    page.on("request", (r) => {
      if (new URL(r.url()).pathname.endsWith("/prometheus")) sourceRequests.push(r.url());
    });
    await openSlo(page, "edge-prometheus");
    const source = page.getByRole("region", { name: "Prometheus source" });
    await source.getByText('http_requests_total{job="ingress",code=~"5.."}').waitFor();
    // How far the source has read comes with the SLO's status: no request of its own.
    await source.getByText(/^(Not read yet|Read up to)/).waitFor();
    assert.deepEqual(sourceRequests, []);
    await source.getByRole("link", { name: "Recording and alerting rules" }).click();
    await page.getByRole("heading", { name: "Prometheus rules", exact: true }).waitFor();
    const yaml = (await page.locator("pre.rules-yaml").textContent()) ?? "";
    assert.match(yaml, /record: slo:sli_error:ratio_rate5m/);
    assert.match(yaml, /slo: edge-prometheus/);
    assert.doesNotMatch(yaml, /slo: edge-availability/);
    await page.getByRole("button", { name: "Copy rules" }).waitFor();
    await page.screenshot({ path: `${artifacts}slo-rules.png`, fullPage: true });
  });
});

test("the SLO page in the dark theme", { timeout: 120_000 }, async () => {
  await runScenario(
    world,
    "slo-page-dark",
    async (page) => {
      await openSlo(page, "edge-availability");
      await page.getByRole("img", { name: "SLI", exact: true }).waitFor();
      await page.screenshot({ path: `${artifacts}slo-page-dark.png`, fullPage: true });
    },
    { colorScheme: "dark" },
  );
});
