import { loadConfig } from "../../../platform/config/config.ts";
import { Worker } from "../../../platform/jobs/index.ts";
import type { TestApp } from "../../../platform/testing/test-app.ts";
import { costAnalyticsJobHandlers } from "./analytics.jobs.ts";
import { dailyRows, seedRollup } from "./test-seed.ts";

/** The budgets, policy and alert integration of the API tests, as a user would apply them. */
export const manifests = `
apiVersion: opsdeck.dev/v1
kind: Team
metadata: { name: payments }
spec: {}
---
apiVersion: opsdeck.dev/v1
kind: Service
metadata: { name: billing-platform }
spec: { owner: payments, tier: 3 }
---
apiVersion: opsdeck.dev/v1
kind: Integration
metadata: { name: finops }
spec: { type: webhook, service: billing-platform }
---
apiVersion: opsdeck.dev/v1
kind: CostAnomalyPolicy
metadata: { name: default }
spec: { integration: finops, minImpact: "100.00" }
---
apiVersion: opsdeck.dev/v1
kind: Budget
metadata: { name: payments-monthly }
spec: { scope: { team: payments }, period: monthly, amount: "2000.00", currency: USD, thresholds: [{ percent: 80, of: actual }, { percent: 100, of: forecast }], integration: finops }
---
apiVersion: opsdeck.dev/v1
kind: Budget
metadata: { name: everything-quarterly }
spec: { period: quarterly, amount: "50000.00", currency: USD, thresholds: [{ percent: 90, of: forecast }], integration: finops }
---
apiVersion: opsdeck.dev/v1
kind: Budget
metadata: { name: s3-report-only }
spec: { period: monthly, amount: "100.00", currency: USD, thresholds: [{ percent: 50, of: actual }] }
`;

/**
 * The world of these tests, 2026-09-01 to 2026-11-14 (data through Saturday the 14th, "today" the 15th):
 * - Amazon EC2, sub-account 111, allocated to team payments: weekdays 100.00, weekends 40.00, except
 *   Thursday 2026-11-12 which cost 700.00 (the anomaly) and Thursday 2026-10-08, 600.00 (an old one);
 * - Amazon S3, sub-account 222, unallocated: 10.25 every day;
 * - in another currency, Virtual Machines (EUR), sub-account 333: 5.00 a day from October, 905.00 on
 *   12 November: reports in USD never see it, and it is an anomaly of its own, in EUR.
 */
export async function seedWorld(t: TestApp) {
  await seedRollup(t.database.db, [
    ...dailyRows(
      "2026-09-01",
      "2026-11-14",
      { serviceName: "Amazon EC2", subAccountId: "111", team: "payments" },
      (d, w) => (d === "2026-11-12" ? "700.00" : d === "2026-10-08" ? "600.00" : w >= 6 ? "40.00" : "100.00"),
    ),
    ...dailyRows(
      "2026-09-01",
      "2026-11-14",
      { serviceName: "Amazon S3", subAccountId: "222", team: null },
      () => "10.25",
    ),
    ...dailyRows(
      "2026-10-01",
      "2026-11-14",
      { serviceName: "Virtual Machines", subAccountId: "333", team: null, currency: "EUR" },
      (d) => (d === "2026-11-12" ? "905.00" : "5.00"),
    ),
  ]);
}

export const testConfig = (t: TestApp) =>
  loadConfig({ OPSDECK_DATABASE_URL: t.database.url, OPSDECK_WEB_DIR: "web-dist" });

/** A job worker that runs only the cost evaluation, on the test's clock. */
export function analyticsWorker(t: TestApp): Worker {
  return new Worker({
    db: t.database.db,
    clock: t.clock,
    handlers: costAnalyticsJobHandlers({ db: t.database.db, clock: t.clock, config: testConfig(t) }),
    owner: "test",
    leaseMs: 60_000,
    pollMs: 0,
    batch: 5,
  });
}
