import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { fromNanos, toNanos } from "./money.ts";
import type { RollupRow } from "./rollup.ts";
import { applySharedCosts, splitExact } from "./shared-costs.ts";

function row(team: string | null, effective: string, extra: Partial<RollupRow> = {}): RollupRow {
  const n = toNanos(effective);
  return {
    billing_account_id: "a",
    day: "2026-10-01",
    provider: "AWS",
    sub_account_id: "acct",
    service_name: "EC2",
    region: "eu-west-1",
    charge_category: "Usage",
    commitment_discount_id: null,
    commitment_discount_status: null,
    commitment_discount_type: null,
    pricing_category: null,
    team,
    service: null,
    env: null,
    currency: "USD",
    amounts: {
      billed_cost: n,
      effective_cost: n,
      list_cost: n,
      contracted_cost: n,
      pricing_quantity: 0n,
      consumed_quantity: 0n,
    },
    row_count: 1,
    ...extra,
  };
}

const byTeam = (rows: RollupRow[]) => {
  const out: Record<string, string> = {};
  for (const r of rows)
    out[r.team ?? "-"] = fromNanos(toNanos(out[r.team ?? "-"] ?? "0") + r.amounts.effective_cost);
  return out;
};

describe("shared costs", () => {
  it("splits any amount into parts that sum to it exactly", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }),
        fc.array(fc.bigInt({ min: 0n, max: 10n ** 12n }), { minLength: 1, maxLength: 20 }),
        (amount, weights) => splitExact(amount, weights).reduce((a, b) => a + b, 0n) === amount,
      ),
    );
  });

  it("splits evenly among the named teams, remainder to the first", () => {
    const out = applySharedCosts(
      [row(null, "10", { sub_account_id: "shared" })],
      [{ name: "s", match: { subAccountId: "shared" }, split: "even", to: ["a", "b", "c"] }],
    );
    assert.deepEqual(byTeam(out), { a: "3.333333334", b: "3.333333333", c: "3.333333333" });
  });

  it("splits by fixed shares and leaves rows no rule matches alone", () => {
    const out = applySharedCosts(
      [row(null, "100", { service_name: "Support" }), row("x", "7")],
      [{ name: "support", match: { serviceName: "Support" }, split: "fixed", shares: { a: 60, b: 40 } }],
    );
    assert.deepEqual(byTeam(out), { a: "60.00", b: "40.00", x: "7.00" });
  });

  it("splits unallocated spend by each team's direct spend that day", () => {
    const out = applySharedCosts(
      [row("a", "30"), row("b", "10"), row(null, "8")],
      [{ name: "rest", match: { team: null }, split: "proportional" }],
    );
    assert.deepEqual(byTeam(out), { a: "36.00", b: "12.00" });
  });
});
