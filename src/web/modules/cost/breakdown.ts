import Big from "big.js";
import { isUnallocatedKey } from "./format.ts";
import type { Amount, Breakdown, Dimension, GroupBy } from "./types.ts";

/** A row of the breakdown table: the API's rows plus, when the API reports it apart, the unallocated part. */
export interface BreakdownRow {
  key: string | null;
  amount: Amount;
  unallocated: boolean;
}

/**
 * The rows that add up to the total. The API may list the unallocated cost as a row (key null) or only in
 * `unallocated`; in the second case it becomes a row here, so the table's rows always sum to its total.
 */
export function breakdownRows(breakdown: Breakdown): BreakdownRow[] {
  const rows = breakdown.rows.map((r) => ({ ...r, unallocated: isUnallocatedKey(r.key) }));
  const hasUnallocated = rows.some((r) => r.unallocated);
  const unallocated = new Big(breakdown.unallocated || "0");
  if (!hasUnallocated && !unallocated.eq(0)) {
    const sum = rows.reduce((s, r) => s.plus(r.amount), new Big(0));
    if (sum.plus(unallocated).eq(breakdown.total))
      rows.push({ key: null, amount: unallocated.toFixed(), unallocated: true });
  }
  return rows;
}

/** Where a click on a row leads: filter to that key, then look one level deeper. */
const nextLevel: Record<Dimension, Dimension> = {
  team: "service",
  service: "serviceName",
  env: "team",
  subAccount: "serviceName",
  serviceName: "region",
  region: "serviceName",
};

export function drillDown(groupBy: GroupBy): { filter: Dimension; next: Dimension } | undefined {
  return groupBy in nextLevel
    ? { filter: groupBy as Dimension, next: nextLevel[groupBy as Dimension] }
    : undefined;
}
