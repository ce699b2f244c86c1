import { writeFileSync } from "node:fs";
import { join } from "node:path";

/** A small hand-made FOCUS 1.2 export (ServiceProviderName is absent on purpose: ProviderName is read). */
const columns = [
  "BillingAccountId",
  "BillingCurrency",
  "BillingPeriodStart",
  "BillingPeriodEnd",
  "ChargePeriodStart",
  "ChargePeriodEnd",
  "ChargeCategory",
  "ChargeFrequency",
  "ProviderName",
  "ServiceName",
  "SubAccountId",
  "RegionId",
  "ResourceId",
  "ResourceName",
  "BilledCost",
  "EffectiveCost",
  "ListCost",
  "ContractedCost",
  "ListUnitPrice",
  "PricingQuantity",
  "CommitmentDiscountId",
  "CommitmentDiscountStatus",
  "Tags",
] as const;

export interface SmallRow {
  day?: string;
  category?: string;
  frequency?: string;
  service?: string;
  account?: string;
  resource?: string | null;
  billed: string;
  effective: string;
  list?: string;
  unitPrice?: string;
  quantity?: string;
  commitment?: string;
  status?: string;
  tags?: Record<string, string> | null;
}

const csvCell = (v: string | null) => (v === null ? "" : `"${v.replaceAll('"', '""')}"`);

export function smallExport(rows: SmallRow[]): string {
  const lines = rows.map((r) => {
    const day = r.day ?? "2026-10-01";
    const values: Record<(typeof columns)[number], string | null> = {
      BillingAccountId: "acme-billing",
      BillingCurrency: "USD",
      BillingPeriodStart: "2026-10-01 00:00:00",
      BillingPeriodEnd: "2026-11-01 00:00:00",
      ChargePeriodStart: `${day} 00:00:00`,
      ChargePeriodEnd: `${day} 01:00:00`,
      ChargeCategory: r.category ?? "Usage",
      ChargeFrequency: r.frequency ?? "Usage-Based",
      ProviderName: "AWS",
      ServiceName: r.service ?? "Amazon Elastic Compute Cloud",
      SubAccountId: r.account ?? "team-acct",
      RegionId: "eu-west-1",
      ResourceId: r.resource === undefined ? "res-x" : r.resource,
      ResourceName: r.resource ? `name of ${r.resource}` : null,
      BilledCost: r.billed,
      EffectiveCost: r.effective,
      ListCost: r.list ?? r.billed,
      ContractedCost: r.billed,
      ListUnitPrice: r.unitPrice ?? null,
      PricingQuantity: r.quantity ?? null,
      CommitmentDiscountId: r.commitment ?? null,
      CommitmentDiscountStatus: r.status ?? null,
      Tags: r.tags ? JSON.stringify(r.tags) : null,
    };
    return columns.map((c) => csvCell(values[c])).join(",");
  });
  return `${columns.join(",")}\n${lines.join("\n")}\n`;
}

/**
 * The allocation scenario: two tagged teams, a catalog service, untagged spend, a shared account and a
 * commitment whose purchase (4.5) is amortized into used (4) + unused (0.5) cost.
 */
export const allocationRows: SmallRow[] = [
  { resource: "res-1", billed: "10", effective: "10", tags: { Team: " Payments ", env: "prod" } },
  { resource: "res-2", billed: "20", effective: "20", tags: { team: "search", Team: "other", env: "prod" } },
  { resource: "res-3", billed: "5", effective: "5", tags: { service: "checkout" } },
  { resource: "res-4", billed: "7", effective: "7", tags: null },
  { resource: "res-5", billed: "6", effective: "6", account: "shared-acct", tags: null },
  {
    resource: "cd-1",
    category: "Purchase",
    frequency: "Recurring",
    billed: "4.5",
    effective: "0",
    commitment: "cd-1",
  },
  {
    resource: "res-6",
    day: "2026-10-02",
    billed: "0",
    effective: "4",
    commitment: "cd-1",
    status: "Used",
    tags: { team: "search", env: "dev" },
  },
  { resource: "cd-1", billed: "0", effective: "0.5", commitment: "cd-1", status: "Unused", tags: null },
];

export function writeExport(dir: string, name: string, rows: SmallRow[]): string {
  const path = join(dir, name);
  writeFileSync(path, smallExport(rows));
  return path;
}

export const allocationManifests = (teamKeys: string[]) => `
apiVersion: opsdeck.dev/v1
kind: Team
metadata: { name: payments }
spec: { description: Payments }
---
apiVersion: opsdeck.dev/v1
kind: Service
metadata: { name: checkout }
spec: { owner: payments, description: Checkout }
---
apiVersion: opsdeck.dev/v1
kind: CostAllocation
metadata: { name: default }
spec:
  dimensions:
    team:
      tagKeys: ${JSON.stringify(teamKeys)}
      normalize: [trim, lowercase]
      fallback: catalog
    service: { tagKeys: [service], normalize: [trim, lowercase] }
    env: { tagKeys: [env] }
  requiredTags: [team, env]
  sharedCosts:
    - name: shared account
      match: { subAccountId: shared-acct }
      split: proportional
`;
