import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Worker } from "../../../platform/jobs/index.ts";
import { testEngines } from "../../../platform/testing/databases.ts";
import { startTestApp, type TestApp } from "../../../platform/testing/test-app.ts";
import { analyticsWorker, manifests, seedWorld } from "./analytics.fixture.ts";
import { scheduleCostAnalytics } from "./analytics.jobs.ts";
import type { BudgetSpec, BudgetView } from "./analytics.schema.ts";
import { applyBudgetAlerts, planBudgetAlerts } from "./budgets.alerts.ts";
import { dailyRows, seedRollup } from "./test-seed.ts";

for (const engine of testEngines()) {
  describe(`cost analytics API (${engine.name})`, () => {
    let t: TestApp;
    let worker: Worker;
    const get = async (url: string, role: "viewer" | "manager" = "viewer") => {
      const res = await t.app.inject({ method: "GET", url, headers: t.as(role) });
      return { status: res.statusCode, body: res.json() };
    };
    /** Runs the due jobs and waits for the evaluations they start after their commit. */
    const runJobs = async () => {
      const summary = await worker.runDueJobsOnce();
      await worker.afterCommitsSettled();
      return summary;
    };

    before(async () => {
      t = await startTestApp(engine);
      t.clock.set("2026-11-15T09:00:00.000Z");
      worker = analyticsWorker(t);
      await seedWorld(t);
      const applied = await t.app.inject({
        method: "POST",
        url: "/api/v1/apply",
        headers: { ...t.as("manager"), "content-type": "application/yaml" },
        payload: manifests,
      });
      assert.equal(applied.statusCode, 200, applied.body);
    });
    after(() => t.close());

    it("shows each budget in its current period with actual, forecast, interval and status", async () => {
      const { status, body } = await get("/api/v1/cost/budgets");
      assert.equal(status, 200);
      const payments = body.items.find((b: { name: string }) => b.name === "payments-monthly");
      // Actual 1-14 Nov: 10 weekdays x 100 + 4 weekend days x 40 + the 600 extra on the 12th = 1760.00.
      // Forecast: Thursdays in the 28-day window cost 100, 100, 100, 700 (mean 250); remaining 15-30 Nov:
      // Mon 3 x 100 + Tue/Wed/Fri 2 x 100 each + Thu 2 x 250 + Sat 2 x 40 + Sun 3 x 40 = 1600 -> 3360.00.
      // Residuals -150 x 3, +450: sigma = sqrt(270000 / 21) = 113.389; half width
      // 1.645 x 113.389 x sqrt(16 + 38/4) = 941.91.
      assert.deepEqual(payments, {
        name: "payments-monthly",
        scope: { team: "payments" },
        period: "monthly",
        amount: "2000.00",
        currency: "USD",
        periodStart: "2026-11-01",
        periodEnd: "2026-11-30",
        actual: "1760.00",
        forecast: "3360.00",
        forecastLow: "2418.09",
        forecastHigh: "4301.91",
        percentUsed: 88,
        status: "at-risk",
        thresholds: [
          { percent: 80, of: "actual", breached: true },
          { percent: 100, of: "forecast", breached: true },
        ],
      });
      const total = body.items.find((b: { name: string }) => b.name === "everything-quarterly");
      // Q4 so far: October EC2 22 weekdays x 100 + 9 weekend days x 40 + 500 extra on the 8th = 3060;
      // November 1760; S3 45 days x 10.25 = 461.25 -> 5281.25.
      assert.equal(total.actual, "5281.25");
      assert.equal(total.periodStart, "2026-10-01");
      assert.equal(total.status, "ok");
      // The whole bill against 100.00 (no integration: reported, never alerted): 1903.50 spent.
      const small = body.items.find((b: { name: string }) => b.name === "s3-report-only");
      assert.deepEqual(
        [small.actual, small.status, small.percentUsed, small.thresholds[0].breached],
        ["1903.50", "over", 1903.5, true],
      );
    });

    it("raises budget and anomaly alerts through the integration, once", async () => {
      await runJobs();
      const anomalies = await get("/api/v1/cost/anomalies?from=2026-11-01&to=2026-11-14");
      // Thursday the 12th against eight Thursdays of 100.00 (MAD 0, spread floored at 1 % = 1.00):
      // impact 600.00, deviation 600, under each of the three dimensions.
      assert.deepEqual(
        anomalies.body.items
          .map((a: Record<string, unknown>) => [
            a.dimension,
            a.key,
            a.day,
            a.actual,
            a.expected,
            a.impact,
            a.deviation,
            a.currency,
          ])
          .sort(),
        [
          ["serviceName", "Amazon EC2", "2026-11-12", "700.00", "100.00", "600.00", 600, "USD"],
          ["serviceName", "Virtual Machines", "2026-11-12", "905.00", "5.00", "900.00", 18000, "EUR"],
          ["subAccount", "111", "2026-11-12", "700.00", "100.00", "600.00", 600, "USD"],
          ["subAccount", "333", "2026-11-12", "905.00", "5.00", "900.00", 18000, "EUR"],
          ["team", "payments", "2026-11-12", "700.00", "100.00", "600.00", 600, "USD"],
        ],
      );
      assert.ok(anomalies.body.items.every((a: { alertId: string | null }) => a.alertId));
      // The 8 October spike is found too (the periodic run looks 45 days back) but, more than 7 days
      // before the newest data, it is listed without paging anyone.
      const october = await get("/api/v1/cost/anomalies?from=2026-10-01&to=2026-10-31");
      assert.deepEqual(
        october.body.items.map((a: Record<string, unknown>) => [a.day, a.impact, a.alertId]),
        [
          ["2026-10-08", "500.00", null],
          ["2026-10-08", "500.00", null],
          ["2026-10-08", "500.00", null],
        ],
      );
      const alerts = await get("/api/v1/alerts?integration=finops", "viewer");
      const titles = alerts.body.items
        .map((a: { title: string; labels: Record<string, string> }) => a.labels.alertname)
        .sort();
      // Five anomalies (three in USD, two in EUR) and the two crossed thresholds of payments-monthly.
      assert.deepEqual(titles, [
        "CostAnomaly",
        "CostAnomaly",
        "CostAnomaly",
        "CostAnomaly",
        "CostAnomaly",
        "CostBudgetThreshold",
        "CostBudgetThreshold",
      ]);
      const budgetAlert = alerts.body.items.find(
        (a: { labels: Record<string, string> }) => a.labels.of === "actual",
      );
      assert.equal(budgetAlert.fingerprint, "cost-budget:payments-monthly:2026-11:actual:80");

      // Another evaluation (a re-import of the same data, say) changes nothing.
      await t.database.db.write((trx) =>
        scheduleCostAnalytics(trx, t.clock, {
          reason: "import:again",
          from: "2026-11-01",
          to: "2026-11-14",
          once: true,
        }),
      );
      assert.equal((await runJobs()).done, 1);
      const again = await get("/api/v1/cost/anomalies?from=2026-11-01&to=2026-11-14");
      assert.deepEqual(
        again.body.items.map((a: { id: string }) => a.id).sort(),
        anomalies.body.items.map((a: { id: string }) => a.id).sort(),
      );
      assert.equal((await get("/api/v1/alerts?integration=finops")).body.items.length, 7);
    });

    it("forecasts the month overall and per team", async () => {
      const { status, body } = await get("/api/v1/cost/forecast?month=2026-11&groupBy=team");
      assert.equal(status, 200);
      // Overall = payments + S3: actual 1760 + 14 x 10.25 = 1903.50; forecast adds 16 x 10.25 = 164 to
      // payments' 1600 -> 3667.50; S3 is constant, so the residuals (and the half width 941.91) are the same.
      assert.deepEqual(body, {
        month: "2026-11",
        currency: "USD",
        actualToDate: "1903.50",
        forecast: "3667.50",
        low: "2725.59",
        high: "4609.41",
        rows: [
          { key: "(unallocated)", actualToDate: "143.50", forecast: "307.50", low: "307.50", high: "307.50" },
          { key: "payments", actualToDate: "1760.00", forecast: "3360.00", low: "2418.09", high: "4301.91" },
        ],
      });
      // Another currency on request: 13 days x 5.00 + 905.00 on the 12th = 970.00 (EUR is never mixed in).
      const eur = await get("/api/v1/cost/forecast?month=2026-11&currency=EUR");
      assert.deepEqual([eur.body.currency, eur.body.actualToDate], ["EUR", "970.00"]);
    });

    it("reports budget variance for a month and a closed month", async () => {
      const november = await get("/api/v1/cost/budgets/variance?period=2026-11");
      assert.deepEqual(november.body, {
        period: "2026-11",
        items: [
          // 3360.00 - 2000.00 = 1360.00, 68 % over
          {
            name: "payments-monthly",
            amount: "2000.00",
            actual: "1760.00",
            forecast: "3360.00",
            variance: "1360.00",
            variancePercent: 68,
          },
          // the whole bill: forecast 3667.50 - 100.00 = 3567.50, 3567.5 % over
          {
            name: "s3-report-only",
            amount: "100.00",
            actual: "1903.50",
            forecast: "3667.50",
            variance: "3567.50",
            variancePercent: 3567.5,
          },
        ],
      });
      // Q4 (USD): actual 5281.25; remaining 15 Nov - 31 Dec at the weekday rates: payments 1600.00 (rest of
      // November) + 3370.00 (December: Mon 4 x 100, Tue/Wed 5 x 100, Thu 5 x 250, Fri 4 x 100, Sat/Sun 4 x
      // 40) and S3 47 x 10.25 = 481.75 -> 10733.00; 10733 - 50000 = -39267.00 (-78.5 %).
      const quarter = await get("/api/v1/cost/budgets/variance?period=2026-Q4");
      assert.deepEqual(quarter.body, {
        period: "2026-Q4",
        items: [
          {
            name: "everything-quarterly",
            amount: "50000.00",
            actual: "5281.25",
            forecast: "10733.00",
            variance: "-39267.00",
            variancePercent: -78.5,
          },
        ],
      });
      // October is closed: forecast = actual = 2560.00 + 500.00 = 3060.00, 1060.00 (53 %) over.
      const october = await get("/api/v1/cost/budgets/variance?period=2026-10");
      assert.deepEqual(october.body.items[0], {
        name: "payments-monthly",
        amount: "2000.00",
        actual: "3060.00",
        forecast: "3060.00",
        variance: "1060.00",
        variancePercent: 53,
      });
    });

    it("resolves last period's budget alerts when the month turns, and alerts on the new forecast", async () => {
      t.clock.set("2026-12-02T09:00:00.000Z");
      await t.database.db.write((trx) => scheduleCostAnalytics(trx, t.clock, { reason: "test" }));
      await runJobs();
      const alerts = (await get("/api/v1/alerts?integration=finops")).body.items as {
        fingerprint: string;
        status: string;
      }[];
      const state = (fingerprint: string) => alerts.find((a) => a.fingerprint === fingerprint)?.status;
      assert.equal(state("cost-budget:payments-monthly:2026-11:actual:80"), "resolved");
      assert.equal(state("cost-budget:payments-monthly:2026-11:forecast:100"), "resolved");
      // December is all forecast (the data ends 14 Nov): Mon 4 x 100, Tue/Wed 5 x 100, Thu 5 x 250,
      // Fri 4 x 100, Sat/Sun 4 x 40 each = 3370.00 > 2000.00; actual 0.
      assert.equal(state("cost-budget:payments-monthly:2026-12:forecast:100"), "firing");
      assert.equal(state("cost-budget:payments-monthly:2026-12:actual:80"), undefined);
      const budgets = await get("/api/v1/cost/budgets");
      const payments = budgets.body.items.find((b: { name: string }) => b.name === "payments-monthly");
      assert.deepEqual([payments.actual, payments.forecast, payments.status], ["0.00", "3370.00", "at-risk"]);
      t.clock.set("2026-11-15T09:00:00.000Z");
    });

    it("refuses a Budget with a bad spec, naming the field, and changes nothing", async () => {
      const bad = `apiVersion: opsdeck.dev/v1
kind: Budget
metadata: { name: broken }
spec: { period: monthly, amount: 12000, currency: usd, thresholds: [{ percent: 80, of: spend }], integration: nowhere }
`;
      const res = await t.app.inject({
        method: "POST",
        url: "/api/v1/apply",
        headers: { ...t.as("manager"), "content-type": "application/yaml" },
        payload: bad,
      });
      assert.equal(res.statusCode, 400, res.body);
      const paths = JSON.stringify(res.json().errors);
      for (const field of ["amount", "currency", "thresholds"])
        assert.ok(paths.includes(field), `${field}: ${paths}`);
      const names = (await get("/api/v1/cost/budgets")).body.items.map((b: { name: string }) => b.name);
      assert.deepEqual(names.sort(), ["everything-quarterly", "payments-monthly", "s3-report-only"]);
      const unknownIntegration = await t.app.inject({
        method: "POST",
        url: "/api/v1/apply",
        headers: { ...t.as("manager"), "content-type": "application/yaml" },
        payload: bad.replace(
          "amount: 12000, currency: usd, thresholds: [{ percent: 80, of: spend }]",
          'amount: "1.00", currency: USD',
        ),
      });
      assert.equal(unknownIntegration.statusCode, 400);
      assert.match(unknownIntegration.body, /no integration named 'nowhere'/);
    });

    it("is readable by a viewer only when signed in", async () => {
      const res = await t.app.inject({ method: "GET", url: "/api/v1/cost/budgets" });
      assert.equal(res.statusCode, 401);
    });

    it("refuses malformed queries with 400 naming the field", async () => {
      for (const [url, field] of [
        ["/api/v1/cost/anomalies?from=2026-11-31&to=2026-12-01", "from"],
        ["/api/v1/cost/anomalies?from=2026-11-10&to=2026-11-01", "to"],
        ["/api/v1/cost/forecast?month=2026-13", "month"],
        ["/api/v1/cost/forecast?month=2026-11&groupBy=service", "groupBy"],
        ["/api/v1/cost/commitments?from=2026-11-01&to=2026-11-30&currency=dollars", "currency"],
        ["/api/v1/cost/budgets/variance?period=2026-Q5", "period"],
        ["/api/v1/cost/commitments?from=2026-11-01", "to"],
      ] as const) {
        const res = await get(url);
        assert.equal(res.status, 400, url);
        assert.ok(
          JSON.stringify(res.body.errors ?? []).includes(field),
          `${url}: ${JSON.stringify(res.body)}`,
        );
      }
    });

    it("keeps a crossing whose integration is missing and raises it once the integration exists", async () => {
      const now = await planBudgetAlerts(t.database.db, t.clock);
      const payments = now.views.find((v) => v.name === "payments-monthly") as BudgetView;
      const spec = now.budgets.get("payments-monthly") as BudgetSpec;
      // A budget whose integration was deleted after it was applied (apply itself refuses unknown ones).
      const plan = {
        budgets: new Map([["ghost", { ...spec, integration: "finops-later" }]]),
        views: [{ ...payments, name: "ghost" }],
      };
      const apply = () => t.database.db.write((trx) => applyBudgetAlerts(trx, t.clock, plan));
      const first = await apply();
      assert.deepEqual([first.raised, first.undelivered], [0, ["ghost", "ghost"]]);
      const created = await t.app.inject({
        method: "POST",
        url: "/api/v1/apply",
        headers: { ...t.as("manager"), "content-type": "application/yaml" },
        payload: manifests
          .split("---")
          .find((d) => d.includes("kind: Integration"))
          ?.replace("name: finops", "name: finops-later"),
      });
      assert.equal(created.statusCode, 200, created.body);
      assert.equal((await apply()).raised, 2);
      assert.equal((await apply()).raised, 0);
      const alerts = await get("/api/v1/alerts?integration=finops-later");
      assert.deepEqual(alerts.body.items.map((a: { fingerprint: string }) => a.fingerprint).sort(), [
        "cost-budget:ghost:2026-11:actual:80",
        "cost-budget:ghost:2026-11:forecast:100",
      ]);
    });

    // Last: it adds a week of data to the world.
    it("resolves an anomaly's alert once its day leaves the last 7 days of data, and only then", async () => {
      const anomalyStates = async () =>
        (
          (await get("/api/v1/alerts?integration=finops")).body.items as {
            labels: Record<string, string>;
            status: string;
          }[]
        )
          .filter((a) => a.labels.alertname === "CostAnomaly")
          .map((a) => a.status);
      const addData = async (through: string) => {
        await seedRollup(
          t.database.db,
          dailyRows(
            "2026-11-15",
            through,
            { serviceName: "Amazon S3", subAccountId: "222", team: null },
            () => "10.25",
          ),
          `later-${through}`,
        );
        await t.database.db.write((trx) => scheduleCostAnalytics(trx, t.clock, { reason: "test" }));
        await runJobs();
      };
      // Data through the 18th: the 12th is still among the last 7 days.
      await addData("2026-11-18");
      assert.deepEqual(await anomalyStates(), ["firing", "firing", "firing", "firing", "firing"]);
      // Data through the 19th: the 12th has left them.
      await addData("2026-11-19");
      assert.deepEqual(await anomalyStates(), ["resolved", "resolved", "resolved", "resolved", "resolved"]);
    });
  });
}
