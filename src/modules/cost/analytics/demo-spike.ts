import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Temporal } from "temporal-polyfill";
import { cliConfig } from "../../../platform/cli.ts";
import type { ActionContext } from "../../../platform/context.ts";
import type { Database } from "../../../platform/db/database.ts";
import { importFocusFiles } from "../import.service.ts";
import { addDays, type Day } from "./days.ts";

const header =
  "BillingAccountId,BillingAccountName,BillingCurrency,BillingPeriodStart,BillingPeriodEnd,ChargePeriodStart," +
  "ChargePeriodEnd,ChargeCategory,ProviderName,ServiceName,SubAccountId,SubAccountName,RegionId,ResourceId," +
  "ResourceName,BilledCost,EffectiveCost,ListCost,ContractedCost,Tags";

/**
 * The demo's anomaly: a machine-learning sandbox account where someone left two GPU instances running on
 * one day. It is a billing account of its own, imported through the real path, so re-running the demo
 * replaces it instead of doubling it.
 */
export async function importDemoSpike(db: Database, ctx: ActionContext, day: Day): Promise<void> {
  const date = Temporal.PlainDate.from(day);
  const start = date.with({ day: 1 });
  const end = start.add({ months: 1 });
  const tags = `"${JSON.stringify({ team: "data", env: "dev" }).replaceAll('"', '""')}"`;
  const line = (id: string, name: string, amount: string) =>
    [
      "4821-5531-0002",
      "Northwind ML sandbox",
      "USD",
      `${start} 00:00:00`,
      `${end} 00:00:00`,
      `${day} 00:00:00`,
      `${addDays(day, 1)} 00:00:00`,
      "Usage",
      "AWS",
      "Amazon Elastic Compute Cloud",
      "ml-sandbox",
      "ML sandbox",
      "us-east-1",
      id,
      name,
      amount,
      amount,
      amount,
      amount,
      tags,
    ].join(",");
  const csv = [
    header,
    line("i-0a7f3c1d9e2b4f601", "gpu-train-p4d-1", "1966.080000"),
    line("i-0a7f3c1d9e2b4f602", "gpu-train-p4d-2", "1310.720000"),
  ].join("\n");
  const dir = mkdtempSync(join(tmpdir(), "opsdeck-cost-spike-"));
  try {
    writeFileSync(join(dir, "ml-sandbox.csv"), `${csv}\n`);
    await importFocusFiles({ db, config: cliConfig() }, ctx, [
      { path: join(dir, "ml-sandbox.csv"), name: "ml-sandbox.csv" },
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
