import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { artifacts, type DemoWorld, runScenario, startDemoWorld } from "./demo-world.ts";

let world: DemoWorld | undefined;

before(async () => {
  world = await startDemoWorld();
});

after(() => world?.close());

test("home page attention panels, the KPI dashboard with its records, the monthly review", {
  timeout: 180_000,
}, async () => {
  assert.ok(world, "before() did not finish");
  await runScenario(world, "kpis", async (page) => {
    // What each page asks the server for: every KPI and the monthly report are built once per view.
    const requested: URL[] = [];
    page.on("request", (request) => requested.push(new URL(request.url())));
    const count = (path: string, format?: string) =>
      requested.filter((u) => u.pathname === path && (!format || u.searchParams.get("format") === format))
        .length;
    // Home: what needs attention now. Each panel shows items or an empty state.
    for (const name of [/^Open incidents/, /^Overdue action items/, /^Burning SLOs/, /^Budgets at risk/]) {
      const panel = page.getByRole("region", { name });
      await panel.waitFor();
      await panel.locator("li, .empty, table").first().waitFor();
    }
    await page.screenshot({ path: `${artifacts}home-attention.png`, fullPage: true });

    // The KPI dashboard over the demo's imported six months: MTTA by severity has numbers.
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Reports" }).click();
    await page.getByRole("heading", { name: "KPIs", level: 1 }).waitFor();
    const mtta = page.locator('section[data-kpi="mtta"]');
    const firstRow = mtta.locator("tbody tr").first();
    await firstRow.waitFor();
    const key = await firstRow.locator("td").first().textContent();
    assert.match(key ?? "", /^SEV[1-4]$/);
    const n = Number(await firstRow.locator("td").nth(3).textContent());
    assert.ok(n > 0, "the demo history gives MTTA numbers");
    await page.getByRole("img", { name: "Incidents per month" }).waitFor();
    await page.getByRole("img", { name: "MTTA and MTTR (mean) per month" }).waitFor();
    assert.equal(count("/api/v1/kpis"), 1, "the tables and the trend charts come from one request");

    // A number opens the records behind it: as many incident links as n (the demo stays under the cap).
    await firstRow.locator("td").nth(1).getByRole("button").click();
    const drawer = page.getByRole("dialog", { name: "Records behind the number" });
    await drawer.waitFor();
    await drawer
      .getByRole("link", { name: /^#\d+ / })
      .first()
      .waitFor();
    assert.equal(await drawer.getByRole("link", { name: /^#\d+ / }).count(), n);
    await page.screenshot({ path: `${artifacts}kpis-dashboard.png`, fullPage: true });
    await drawer.getByRole("button", { name: "Close" }).click();

    // Group by team: the groups are the demo's teams.
    await page.getByLabel("Group by").selectOption("team");
    await page.getByRole("button", { name: "Show" }).click();
    await page.waitForURL(/groupBy=team/);
    await mtta.locator("th", { hasText: "team" }).waitFor();
    assert.equal(count("/api/v1/kpis"), 2, "a new grouping is one more request");

    // The monthly review: the server's HTML report in a frame, with its charts, and the downloads.
    await page.getByRole("link", { name: "Monthly review" }).click();
    await page.getByRole("heading", { name: /^Monthly review \d{4}-\d{2}$/ }).waitFor();
    const frame = page.frameLocator("iframe.report-frame");
    await frame.getByRole("heading", { name: /Monthly operations review/ }).waitFor();
    await frame.locator('svg[aria-label="MTTA and MTTR (mean), last 6 months"]').waitFor();
    for (const label of ["HTML", "Markdown", "CSV", "PDF"])
      await page.getByRole("link", { name: `Download ${label}` }).waitFor();
    await page.screenshot({ path: `${artifacts}monthly-review.png`, fullPage: true });
    assert.equal(count("/api/v1/reports/monthly", "html"), 1, "the framed report is built once");
    assert.equal(count("/api/v1/reports/monthly", "md"), 0, "the Markdown waits for its tab");
    await page.getByRole("tab", { name: "Markdown" }).click();
    await page.locator("pre.report-markdown", { hasText: "# Monthly operations review" }).waitFor();
    await page.getByRole("tab", { name: "Report" }).click();
    await frame.getByRole("heading", { name: /Monthly operations review/ }).waitFor();
    assert.equal(count("/api/v1/reports/monthly", "md"), 1);
    assert.equal(count("/api/v1/reports/monthly", "html"), 1, "switching tabs keeps the framed report");

    // The dashboard in the dark theme.
    await page.getByRole("link", { name: "KPI dashboard" }).click();
    await page.getByRole("heading", { name: "KPIs", level: 1 }).waitFor();
    await page.getByRole("button", { name: "Switch to dark theme" }).click();
    await mtta.locator("tbody tr").first().waitFor();
    await page.screenshot({ path: `${artifacts}kpis-dashboard-dark.png`, fullPage: true });
    await page.getByRole("link", { name: "Monthly review" }).click();
    await page
      .frameLocator("iframe.report-frame")
      .getByRole("heading", { name: /Monthly operations review/ })
      .waitFor();
    await page.screenshot({ path: `${artifacts}monthly-review-dark.png`, fullPage: true });
  });
});

test("the monthly review shows a report the server could not build as its problem; an ended session leads to login", {
  timeout: 120_000,
}, async () => {
  assert.ok(world, "before() did not finish");
  const problem = (status: number, title: string, detail: string) => ({
    status,
    contentType: "application/problem+json",
    body: JSON.stringify({ type: "about:blank", title, status, detail, requestId: "r-e2e" }),
  });
  await runScenario(
    world,
    "monthly-review-errors",
    async (page) => {
      // The frame's own answer is the gate: a problem instead of HTML is shown as the problem, no frame.
      await page.route(
        (url) => url.pathname === "/api/v1/reports/monthly" && url.searchParams.get("format") === "html",
        (route) => route.fulfill(problem(500, "Internal Server Error", "the report could not be built")),
      );
      await page.goto("/reports/monthly?month=2026-10");
      await page.getByText("the report could not be built").waitFor();
      assert.equal(await page.locator("iframe.report-frame").count(), 0, "no empty frame beside the problem");
      // A session that ended: the frame's 401 sends the reader to sign in again, as any request's does.
      await page.unrouteAll();
      await page.getByRole("heading", { name: "Monthly review 2026-10" }).waitFor();
      await page.context().clearCookies();
      await page.getByLabel("Month").fill("2026-09");
      await page.waitForURL(/\/login/);
    },
    { expected: [/status of 500/, /status of 401/] },
  );
});
