import type { SharedCostRule } from "./allocation.schema.ts";
import type { AmountColumn, RollupRow } from "./rollup.ts";

function matches(row: RollupRow, match: SharedCostRule["match"]): boolean {
  if (match.team !== undefined && row.team !== match.team) return false;
  if (match.subAccountId !== undefined && row.sub_account_id !== match.subAccountId) return false;
  if (match.serviceName !== undefined && row.service_name !== match.serviceName) return false;
  if (match.region !== undefined && row.region !== match.region) return false;
  if (match.provider !== undefined && row.provider !== match.provider) return false;
  if (match.chargeCategory !== undefined && row.charge_category !== match.chargeCategory) return false;
  return true;
}

/** Splits `amount` by integer weights; the rounding remainder goes to the first part so parts sum exactly. */
export function splitExact(amount: bigint, weights: bigint[]): bigint[] {
  const total = weights.reduce((a, b) => a + b, 0n);
  if (total === 0n) return weights.map((_, i) => (i === 0 ? amount : 0n));
  const parts = weights.map((w) => (amount * w) / total);
  const rest = amount - parts.reduce((a, b) => a + b, 0n);
  parts[0] = (parts[0] ?? 0n) + rest;
  return parts;
}

/** Teams' direct (non-shared) effective cost per day: the weights of a proportional split. */
function directSpend(rows: RollupRow[]): Map<string, Map<string, bigint>> {
  const byDay = new Map<string, Map<string, bigint>>();
  for (const r of rows) {
    if (r.team === null) continue;
    const day = byDay.get(r.day) ?? new Map<string, bigint>();
    day.set(r.team, (day.get(r.team) ?? 0n) + r.amounts.effective_cost);
    byDay.set(r.day, day);
  }
  return byDay;
}

function weightsFor(rule: SharedCostRule, day: string, direct: Map<string, Map<string, bigint>>) {
  if (rule.split === "fixed") {
    // Shares are small positive numbers: scaled to integers so the split stays exact.
    return Object.entries(rule.shares ?? {}).map(([team, s]) => ({ team, w: BigInt(Math.round(s * 1e6)) }));
  }
  if (rule.split === "even") return (rule.to ?? []).map((team) => ({ team, w: 1n }));
  const spend = direct.get(day) ?? new Map<string, bigint>();
  const teams = rule.to ?? [...spend.keys()].sort();
  return teams.map((team) => {
    const s = spend.get(team) ?? 0n;
    return { team, w: s > 0n ? s : 0n };
  });
}

/**
 * Replaces each rollup row a shared-cost rule matches by one row per receiving team, every amount split
 * by the same weights. The first matching rule wins; totals are unchanged to the last nano-unit.
 */
export function applySharedCosts(rows: RollupRow[], rules: SharedCostRule[]): RollupRow[] {
  if (rules.length === 0) return rows;
  const shared = rows.map((r) => rules.find((rule) => matches(r, rule.match)));
  const direct = directSpend(rows.filter((_, i) => !shared[i]));
  const out: RollupRow[] = [];
  rows.forEach((row, i) => {
    const rule = shared[i];
    let weights = rule ? weightsFor(rule, row.day, direct) : [];
    if (weights.length === 0) {
      out.push(row);
      return;
    }
    if (weights.every((w) => w.w === 0n)) weights = weights.map((w) => ({ ...w, w: 1n }));
    const split = {} as Record<AmountColumn, bigint[]>;
    for (const [k, v] of Object.entries(row.amounts))
      split[k as AmountColumn] = splitExact(
        v,
        weights.map((w) => w.w),
      );
    weights.forEach((w, j) => {
      const amounts = {} as Record<AmountColumn, bigint>;
      for (const k of Object.keys(row.amounts) as AmountColumn[]) amounts[k] = split[k][j] as bigint;
      out.push({ ...row, team: w.team, amounts, row_count: j === 0 ? row.row_count : 0 });
    });
  });
  return out;
}
