import { Temporal } from "temporal-polyfill";
import type { CatalogService } from "./allocation.sql.ts";

/** A deterministic 32-bit hash of a string (FNV-1a): the demo bill is the same on every run. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** Micro-units to a 6-decimal string, exact (generation may use floats; the file holds decimals). */
const money = (micros: number) => {
  const m = Math.round(micros);
  const sign = m < 0 ? "-" : "";
  const abs = Math.abs(m).toString().padStart(7, "0");
  return `${sign}${abs.slice(0, -6)}.${abs.slice(-6)}`;
};

const awsServices = {
  compute: ["Amazon Elastic Compute Cloud", "Amazon Elastic Kubernetes Service"],
  storage: ["Amazon Simple Storage Service"],
  database: ["Amazon Relational Database Service"],
  stream: ["Amazon Managed Streaming for Apache Kafka"],
  edge: ["Amazon CloudFront", "AWS WAF"],
  network: ["Elastic Load Balancing", "Amazon Route 53"],
  serverless: ["AWS Lambda", "Amazon DynamoDB"],
} satisfies Record<string, string[]>;

function profileOf(service: string): string[] {
  if (/pg|postgres|backup|vault/.test(service)) return [...awsServices.database, ...awsServices.storage];
  if (/kafka|schema/.test(service)) return awsServices.stream;
  if (/cdn|waf/.test(service)) return awsServices.edge;
  if (/ingress|load-balancer|dns/.test(service)) return awsServices.network;
  if (/loki|artifact|warehouse/.test(service)) return [...awsServices.compute, ...awsServices.storage];
  if (/billing|cost|budget|commitment/.test(service)) return awsServices.serverless;
  return awsServices.compute;
}

const header = [
  "BillingAccountId",
  "BillingAccountName",
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
  "SubAccountName",
  "RegionId",
  "ResourceId",
  "ResourceName",
  "PricingCategory",
  "BilledCost",
  "EffectiveCost",
  "ListCost",
  "ContractedCost",
  "CommitmentDiscountId",
  "CommitmentDiscountStatus",
  "CommitmentDiscountType",
  "Tags",
];

const q = (v: string | null) => (v === null ? "NULL" : `"${v.replaceAll('"', '""')}"`);

interface Resource {
  id: string;
  name: string;
  service: string;
  team: string;
  awsService: string;
  env: string;
  dailyMicros: number;
  tags: Record<string, string> | null;
  account: string;
}

function resourcesOf(services: CatalogService[]): Resource[] {
  const out: Resource[] = [];
  for (const s of services) {
    const team = s.team ?? "platform";
    const profile = profileOf(s.name);
    const count = 2 + (hash(s.name) % 4);
    for (let i = 0; i < count; i++) {
      const h = hash(`${s.name}#${i}`);
      const env = h % 10 < 7 ? "prod" : h % 10 < 9 ? "staging" : "dev";
      const untagged = h % 13 === 0;
      const noEnv = h % 17 === 0;
      const tags = untagged ? null : { team, service: s.name, ...(noEnv ? {} : { env }) };
      out.push({
        id: `arn:aws:demo:eu-west-1:${s.name}/${i}`,
        name: `${s.name}-${env}-${i}`,
        service: s.name,
        team,
        awsService: profile[h % profile.length] as string,
        env,
        dailyMicros: (2 + (h % 90)) * 1_000_000 + (h % 997) * 1_000,
        tags,
        account: `${team}-${env === "prod" ? "prod" : "nonprod"}`,
      });
    }
  }
  return out;
}

/**
 * A FOCUS 1.0 CSV of the demo estate for days [from, to) of one billing period: one row per resource and
 * day with a weekly rhythm, a shared networking account, and a compute Savings Plan bought daily and
 * used by four production clusters (used + unused = purchase, as FOCUS requires).
 */
export function demoFocusCsv(
  services: CatalogService[],
  period: { start: string; end: string },
  days: string[],
): string {
  const resources = resourcesOf(services);
  const lines = [header.join(",")];
  const row = (day: string, next: string, v: Partial<Record<string, string | null>>) =>
    lines.push(
      header
        .map((h) => {
          const fixed: Record<string, string> = {
            BillingAccountId: "4821-5531-0001",
            BillingAccountName: "Northwind Traders",
            BillingCurrency: "USD",
            BillingPeriodStart: `${period.start} 00:00:00`,
            BillingPeriodEnd: `${period.end} 00:00:00`,
            ChargePeriodStart: `${day} 00:00:00`,
            ChargePeriodEnd: `${next} 00:00:00`,
            ProviderName: "AWS",
            RegionId: "eu-west-1",
          };
          return q(v[h] !== undefined ? (v[h] as string | null) : (fixed[h] ?? null));
        })
        .join(","),
    );
  const covered = resources
    .filter((r) => r.awsService === "Amazon Elastic Kubernetes Service" && r.env === "prod")
    .slice(0, 4);
  days.forEach((day, d) => {
    const next = days[d + 1] ?? period.end;
    const rhythm = Temporal.PlainDate.from(day).dayOfWeek >= 6 ? 0.82 : 1 + 0.01 * d;
    for (const r of resources) {
      const noise = 0.9 + (hash(`${r.id}@${day}`) % 200) / 1000;
      const cost = money(r.dailyMicros * rhythm * noise);
      const isCovered = covered.includes(r);
      row(day, next, {
        ChargeCategory: "Usage",
        ChargeFrequency: "Usage-Based",
        ServiceName: r.awsService,
        SubAccountId: r.account,
        SubAccountName: r.account,
        ResourceId: r.id,
        ResourceName: r.name,
        PricingCategory: isCovered ? "Committed" : "Standard",
        BilledCost: isCovered ? "0.000000" : cost,
        EffectiveCost: isCovered ? "9.500000" : cost,
        ListCost: money(r.dailyMicros * rhythm * noise * 1.25),
        ContractedCost: cost,
        CommitmentDiscountId: isCovered ? "sp-compute-1yr" : null,
        CommitmentDiscountStatus: isCovered ? "Used" : null,
        CommitmentDiscountType: isCovered ? "Savings Plan" : null,
        Tags: r.tags ? JSON.stringify(r.tags) : null,
      });
    }
    const nat = money((38 + (hash(`nat@${day}`) % 12)) * 1_000_000);
    row(day, next, {
      ChargeCategory: "Usage",
      ChargeFrequency: "Usage-Based",
      ServiceName: "Amazon Virtual Private Cloud",
      SubAccountId: "shared-network",
      SubAccountName: "shared-network",
      ResourceId: "arn:aws:demo:nat-gateway/main",
      ResourceName: "nat-main",
      PricingCategory: "Standard",
      BilledCost: nat,
      EffectiveCost: nat,
      ListCost: nat,
      ContractedCost: nat,
    });
    const purchase = money(9.5 * 1_000_000 * covered.length + 4_000_000);
    row(day, next, {
      ChargeCategory: "Purchase",
      ChargeFrequency: "Recurring",
      ServiceName: "Savings Plans for AWS Compute usage",
      SubAccountId: "platform-prod",
      ResourceId: "sp-compute-1yr",
      PricingCategory: "Standard",
      BilledCost: purchase,
      EffectiveCost: "0.000000",
      ListCost: purchase,
      ContractedCost: purchase,
      CommitmentDiscountId: "sp-compute-1yr",
      CommitmentDiscountType: "Savings Plan",
    });
    row(day, next, {
      ChargeCategory: "Usage",
      ChargeFrequency: "Usage-Based",
      ServiceName: "Savings Plans for AWS Compute usage",
      SubAccountId: "platform-prod",
      ResourceId: "sp-compute-1yr",
      PricingCategory: "Committed",
      BilledCost: "0.000000",
      EffectiveCost: "4.000000",
      ListCost: "0.000000",
      ContractedCost: "0.000000",
      CommitmentDiscountId: "sp-compute-1yr",
      CommitmentDiscountStatus: "Unused",
      CommitmentDiscountType: "Savings Plan",
    });
  });
  return `${lines.join("\n")}\n`;
}
