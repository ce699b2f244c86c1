import assert from "node:assert/strict";
import { describe, it } from "node:test";
import Big from "big.js";
import { type CommitmentLine, commitmentReport } from "./commitments.ts";
import { money } from "./decimal.ts";
import { readScenarioCsv } from "./focus-csv.ts";

const data = new URL("../../../../../shared/fixtures/focus/FOCUS_Spec/specification/data/", import.meta.url);

function linesOf(file: string): CommitmentLine[] {
  return readScenarioCsv(new URL(file, data)).map((r) => ({
    chargeCategory: r.ChargeCategory ?? "",
    pricingCategory: r.PricingCategory ?? null,
    commitmentId: r.CommitmentDiscountId ?? null,
    commitmentStatus: r.CommitmentDiscountStatus ?? null,
    commitmentType: r.CommitmentDiscountType ?? null,
    serviceName: r.ServiceName ?? "",
    billed: new Big(r.BilledCost ?? "0"),
    effective: new Big(r.EffectiveCost ?? "0"),
    list: new Big(r.ListCost ?? "0"),
    contracted: new Big(r.ContractedCost ?? "0"),
  }));
}

const id = "<my-commitment-discount-id>";
const view = (file: string) => {
  const r = commitmentReport(linesOf(file));
  return {
    items: r.items.map((i) => [
      i.commitmentId,
      i.type,
      money(i.purchased),
      money(i.used),
      money(i.unused),
      i.utilization,
    ]),
    coverage: r.coverage,
    esr: r.effectiveSavingsRate,
  };
};

describe("commitments on the FOCUS specification's scenarios", () => {
  it("usage scenario 1: one hour fully used", () => {
    // One Usage row, Committed, Used, EffectiveCost 1.00 -> used 1.00, unused 0, utilization 1/1.
    // Eligible usage = that row only (no list prices in the file: measured at effective cost) -> coverage 1.
    const v = view("commitment_discount_scenarios/commitment_discount_usage_scenario_1.csv");
    assert.deepEqual(v.items, [[id, "unknown", "1.00", "1.00", "0.00", 1]]);
    assert.equal(v.coverage, 1);
    assert.deepEqual(v.esr, { vsList: 0, vsContracted: 0 }); // no list or contracted cost to compare with
  });

  it("usage scenario 2: one hour with nothing to cover", () => {
    // One Usage row, Unused, EffectiveCost 1.00 -> used 0, unused 1.00, utilization 0/1 = 0; no usage at all
    // was covered, so no service is eligible and coverage is 0.
    const v = view("commitment_discount_scenarios/commitment_discount_usage_scenario_2.csv");
    assert.deepEqual(v.items, [[id, "unknown", "1.00", "0.00", "1.00", 0]]);
    assert.equal(v.coverage, 0);
  });

  it("usage scenario 3: a resource used three quarters of the hour's commitment", () => {
    // Used 0.75 + Unused 0.25 = 1.00 amortized for the hour (matching purchase scenario 3: 4380 upfront /
    // 8760 h = 0.50 plus 0.50 recurring); utilization 0.75 / 1.00 = 0.75. The only eligible usage row is
    // the covered one -> coverage 0.75 / 0.75 = 1.
    const v = view("commitment_discount_scenarios/commitment_discount_usage_scenario_3.csv");
    assert.deepEqual(v.items, [[id, "unknown", "1.00", "0.75", "0.25", 0.75]]);
    assert.equal(v.coverage, 1);
  });

  it("usage scenario 4: one hour covered, one hour on demand", () => {
    // Used 1.00 (Committed) beside a Standard row of 0.50 on demand: coverage 1.00 / (1.00 + 0.50) = 0.6667.
    const v = view("commitment_discount_scenarios/commitment_discount_usage_scenario_4.csv");
    assert.deepEqual(v.items, [[id, "unknown", "1.00", "1.00", "0.00", 1]]);
    assert.equal(v.coverage, 0.6667);
  });

  it("purchase scenarios alone amortize nothing: the commitment is listed with zeros", () => {
    // Purchase rows are the cash view (8760.00 upfront, or 1.00 recurring per hour); utilization comes from
    // the Usage rows, which these files do not have.
    for (const n of [1, 2, 3]) {
      const v = view(`commitment_discount_scenarios/commitment_discount_purchase_scenario_${n}.csv`);
      assert.deepEqual(v.items, [[id, "unknown", "0.00", "0.00", "0.00", 0]]);
      assert.equal(v.coverage, 0);
    }
  });

  it("flexibility example: two medium VMs use a large one's commitment fully, at half the list price", () => {
    // Usage rows: 2 x (EffectiveCost 1.00, ListCost 2.00, Used) -> used 2.00, unused 0, utilization 1.
    // Coverage at list: covered 2.00 + 2.00 = 4.00 of eligible 4.00 -> 1 (the Purchase row is not usage).
    // Effective savings rate vs list: 1 - 2.00 / 4.00 = 0.5; no ContractedCost column -> 0.
    const v = view(
      "commitment_discount_flexibility/one_hundred_percent_utilization_with_commitment_discount_flexibility_with_2_resources.csv",
    );
    assert.deepEqual(v.items, [[id, "unknown", "2.00", "2.00", "0.00", 1]]);
    assert.equal(v.coverage, 1);
    assert.deepEqual(v.esr, { vsList: 0.5, vsContracted: 0 });
  });

  it("unused commitment counts against the savings rate and usage of untouched services is not eligible", () => {
    const base = linesOf("commitment_discount_scenarios/commitment_discount_usage_scenario_3.csv").map(
      (l) => ({
        ...l,
        serviceName: "Compute",
        list: new Big(l.commitmentStatus === "Used" ? "1.50" : "0"),
        contracted: new Big(l.commitmentStatus === "Used" ? "1.20" : "0"),
      }),
    );
    const support: CommitmentLine = {
      ...(base[0] as CommitmentLine),
      serviceName: "Support",
      pricingCategory: "Standard",
      commitmentId: null,
      commitmentStatus: null,
      billed: new Big("9"),
      effective: new Big("9"),
      list: new Big("9"),
      contracted: new Big("9"),
    };
    const r = commitmentReport([...base, support]);
    // Support was never covered: not eligible, coverage stays 1.50 / 1.50 = 1.
    assert.equal(r.coverage, 1);
    // Spend = used 0.75 + unused 0.25 = 1.00 against list 1.50 -> 1 - 1.00/1.50 = 0.3333;
    // against contracted 1.20 -> 1 - 1.00/1.20 = 0.1667.
    assert.deepEqual(r.effectiveSavingsRate, { vsList: 0.3333, vsContracted: 0.1667 });
  });
});
