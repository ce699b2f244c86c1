import type Big from "big.js";
import { ratio, total } from "./decimal.ts";

/**
 * Commitment discounts (reservations, savings plans, committed use) from FOCUS columns, pure. One input
 * row is a sum of line items sharing these columns (a `cost_daily` group or a raw FOCUS row).
 */
export interface CommitmentLine {
  chargeCategory: string;
  pricingCategory: string | null;
  commitmentId: string | null;
  commitmentStatus: string | null;
  commitmentType: string | null;
  serviceName: string;
  billed: Big;
  effective: Big;
  list: Big;
  contracted: Big;
}

export interface CommitmentItem {
  commitmentId: string;
  type: string;
  /** The commitment's amortized cost in the window: used + unused. */
  purchased: Big;
  used: Big;
  unused: Big;
  /** used / purchased, 0..1 (0 when nothing was amortized in the window). */
  utilization: number;
}

export interface CommitmentReport {
  items: CommitmentItem[];
  /** Covered share of commitment-eligible usage, 0..1. */
  coverage: number;
  effectiveSavingsRate: { vsList: number; vsContracted: number };
}

const isUsage = (l: CommitmentLine) => l.chargeCategory === "Usage";
const isUsed = (l: CommitmentLine) => isUsage(l) && l.commitmentId !== null && l.commitmentStatus === "Used";
const isUnused = (l: CommitmentLine) =>
  isUsage(l) && l.commitmentId !== null && l.commitmentStatus === "Unused";

function items(lines: CommitmentLine[]): CommitmentItem[] {
  const byId = new Map<string, CommitmentLine[]>();
  for (const l of lines)
    if (l.commitmentId) byId.set(l.commitmentId, [...(byId.get(l.commitmentId) ?? []), l]);
  return [...byId.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([commitmentId, rows]) => {
      // FOCUS amortizes a commitment into its Usage rows: Used ones carry the share that covered a
      // resource, Unused ones the share nothing consumed. Purchase rows are the cash view and are left out,
      // or an upfront purchase would count a year of commitment against one month of use.
      const used = total(rows.filter(isUsed).map((l) => l.effective));
      const unused = total(rows.filter(isUnused).map((l) => l.effective));
      const purchased = used.plus(unused);
      return {
        commitmentId,
        type: rows.find((l) => l.commitmentType)?.commitmentType ?? "unknown",
        purchased,
        used,
        unused,
        utilization: ratio(used, purchased),
      };
    });
}

/**
 * Eligible usage is the usage of the services a commitment was used on in the window: FOCUS has no
 * eligibility column, and a service no commitment ever touched (say, support fees) cannot be covered.
 * It is measured at list price (the on-demand equivalent) when the data has list prices, else at effective
 * cost, so covered and uncovered usage are counted in the same unit.
 */
export function commitmentReport(lines: CommitmentLine[]): CommitmentReport {
  const services = new Set(lines.filter(isUsed).map((l) => l.serviceName));
  const eligible = lines.filter((l) => isUsage(l) && !isUnused(l) && services.has(l.serviceName));
  const atList = total(eligible.map((l) => l.list)).gt(0);
  const measure = (l: CommitmentLine) => (atList ? l.list : l.effective);
  const coverage = ratio(total(eligible.filter(isUsed).map(measure)), total(eligible.map(measure)));
  // Savings are judged on what eligible usage cost, plus what the unused commitment cost for nothing.
  const spend = [...eligible, ...lines.filter(isUnused)];
  const effective = total(spend.map((l) => l.effective));
  const savings = (reference: Big) => (reference.gt(0) ? ratio(reference.minus(effective), reference) : 0);
  return {
    items: items(lines),
    coverage,
    effectiveSavingsRate: {
      vsList: savings(total(spend.map((l) => l.list))),
      vsContracted: savings(total(spend.map((l) => l.contracted))),
    },
  };
}

export const noCommitments: CommitmentReport = {
  items: [],
  coverage: 0,
  effectiveSavingsRate: { vsList: 0, vsContracted: 0 },
};
