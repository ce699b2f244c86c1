import Big from "big.js";
import { cliConfig } from "../../../platform/cli.ts";
import type { ActionContext } from "../../../platform/context.ts";
import type { Database } from "../../../platform/db/database.ts";
import { applyDocuments } from "../../../platform/manifests/apply.ts";
import { parseManifestText } from "../../../platform/manifests/load.ts";
import { evaluateNow } from "./analytics.jobs.ts";
import { currenciesIn, dataBounds } from "./analytics.repository.ts";
import { addDays, utcDay } from "./days.ts";
import { importDemoSpike } from "./demo-spike.ts";
import { forecastScope } from "./forecast.service.ts";
import { periodContaining } from "./periods.ts";

/** A budget amount near a forecast, rounded to hundreds, so the demo shows every status. */
const near = (forecast: string, factor: string, fallback: string) => {
  const f = new Big(forecast);
  return f.gt(0) ? f.times(factor).div(100).round(0, Big.roundUp).times(100).toFixed(2) : fallback;
};

/**
 * The demo's FinOps side: a `finops` integration, a budget per team that has spend (one comfortably
 * inside, one tight, one already short) and a quarterly total, the anomaly policy, then one evaluation so
 * the pages show statuses, anomalies and alerts straight away.
 */
export async function seedCostAnalyticsDemo(db: Database, ctx: ActionContext): Promise<void> {
  const before = await dataBounds(db.read);
  // Only beside a demo bill long enough for a baseline (four weeks of the same weekday).
  if (before && before.first <= addDays(before.last, -35))
    await importDemoSpike(db, ctx, addDays(before.last, -2));
  const bounds = await dataBounds(db.read);
  const today = bounds ? bounds.last : utcDay(ctx.clock.now());
  const currency = (await currenciesIn(db.read, addDays(today, -27), today))[0] ?? "USD";
  const month = periodContaining(today, "monthly");
  const perTeam = await forecastScope(db, {
    periodStart: month.start,
    periodEnd: month.end,
    currency,
    groupBy: "team",
  });
  const teams = perTeam.rows.filter((r) => r.key !== "(unallocated)").slice(0, 3);
  const factors = ["1.25", "1.02", "0.85"];
  const budgets = teams.map(
    (r, i) => `---
apiVersion: opsdeck.dev/v1
kind: Budget
metadata: { name: ${r.key}-monthly }
spec:
  scope: { team: ${r.key} }
  period: monthly
  amount: "${near(r.forecast.forecast.toFixed(2), factors[i] ?? "1.1", "5000.00")}"
  currency: ${currency}
  thresholds: [{ percent: 80, of: actual }, { percent: 100, of: forecast }]
  integration: finops
`,
  );
  const text = `apiVersion: opsdeck.dev/v1
kind: Integration
metadata: { name: finops }
spec:
  type: webhook
  description: "Alerts opsdeck raises itself about cloud cost: budgets and anomalies."
  service: clickhouse-billing
---
apiVersion: opsdeck.dev/v1
kind: CostAnomalyPolicy
metadata: { name: default }
spec: { integration: finops, minImpact: "50.00", minRelative: 0.2, minDeviation: 3.5 }
---
apiVersion: opsdeck.dev/v1
kind: Budget
metadata: { name: cloud-total-quarterly }
spec:
  period: quarterly
  amount: "${near(perTeam.total.forecast.toFixed(2), "3.3", "60000.00")}"
  currency: ${currency}
  thresholds: [{ percent: 90, of: forecast }]
  integration: finops
${budgets.join("")}`;
  const { manifestRegistry } = await import("../../registry.ts");
  const { documents, issues } = parseManifestText(text, "cost-analytics-demo");
  await applyDocuments(db, ctx, documents, manifestRegistry(), { dryRun: false, prune: false }, issues);
  const deps = { db, clock: ctx.clock, config: cliConfig() };
  await evaluateNow(deps, {});
}
