import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testEngines } from "../../../platform/testing/databases.ts";
import { startTestApp, type TestApp } from "../../../platform/testing/test-app.ts";
import { type SeedRow, seedRollup } from "./test-seed.ts";

const compute = { serviceName: "Compute", subAccountId: "111", team: "payments" };
const day = "2026-10-05";

/**
 * FOCUS usage scenario 3 and the flexibility example, as rollup rows, plus on-demand compute and support:
 * - ri-1 (Reserved Instance): Used 0.75 (list 1.50, contracted 1.20) and Unused 0.25 for the hour;
 * - sp-1 (Savings Plan): two medium VMs, each Used 1.00 at list 2.00 (contracted 2.00), and its
 *   recurring Purchase row (billed 2.00, effective 0), which must not count as usage;
 * - on-demand Compute 0.50 (list 0.50) and Support 9.00, which no commitment ever covered.
 */
const rows: SeedRow[] = [
  {
    ...compute,
    day,
    pricingCategory: "Committed",
    commitmentId: "ri-1",
    commitmentStatus: "Used",
    commitmentType: "Reservation",
    effective: "0.75",
    billed: "0",
    list: "1.50",
    contracted: "1.20",
  },
  {
    ...compute,
    day,
    pricingCategory: "Committed",
    commitmentId: "ri-1",
    commitmentStatus: "Unused",
    commitmentType: "Reservation",
    effective: "0.25",
    billed: "0",
    list: "0",
    contracted: "0",
  },
  {
    ...compute,
    day,
    pricingCategory: "Committed",
    commitmentId: "sp-1",
    commitmentStatus: "Used",
    commitmentType: "Savings Plan",
    effective: "2.00",
    billed: "0",
    list: "4.00",
    contracted: "4.00",
  },
  {
    ...compute,
    day,
    chargeCategory: "Purchase",
    commitmentId: "sp-1",
    commitmentType: "Savings Plan",
    effective: "0",
    billed: "2.00",
    list: "4.00",
    contracted: "4.00",
  },
  { ...compute, day, effective: "0.50", list: "0.50", contracted: "0.50" },
  { ...compute, day, serviceName: "Support", effective: "9.00" },
];

for (const engine of testEngines()) {
  describe(`GET /api/v1/cost/commitments (${engine.name})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(engine);
      await seedRollup(t.database.db, rows);
    });
    after(() => t.close());

    it("reports utilization per commitment, coverage and the effective savings rate", async () => {
      const res = await t.app.inject({
        method: "GET",
        url: "/api/v1/cost/commitments?from=2026-10-01&to=2026-10-31",
        headers: t.as("viewer"),
      });
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(res.json(), {
        currency: "USD",
        items: [
          // 0.75 / (0.75 + 0.25)
          {
            commitmentId: "ri-1",
            type: "Reservation",
            purchased: "1.00",
            used: "0.75",
            unused: "0.25",
            utilization: 0.75,
          },
          // Purchase rows are left out: 2.00 used of 2.00 amortized
          {
            commitmentId: "sp-1",
            type: "Savings Plan",
            purchased: "2.00",
            used: "2.00",
            unused: "0.00",
            utilization: 1,
          },
        ],
        // Eligible (Compute) at list: covered 1.50 + 4.00 = 5.50 of 5.50 + 0.50 on demand = 6.00 -> 0.9167
        coverage: 0.9167,
        // Spend: 0.75 + 2.00 + 0.50 + unused 0.25 = 3.50; list 1.50 + 4.00 + 0.50 = 6.00 -> 1 - 3.5/6 = 0.4167;
        // contracted 1.20 + 4.00 + 0.50 = 5.70 -> 1 - 3.5/5.7 = 0.3860
        effectiveSavingsRate: { vsList: 0.4167, vsContracted: 0.386 },
      });
    });

    it("an empty window has no commitments and zero rates", async () => {
      const res = await t.app.inject({
        method: "GET",
        url: "/api/v1/cost/commitments?from=2026-09-01&to=2026-09-30",
        headers: t.as("viewer"),
      });
      assert.deepEqual(res.json().items, []);
      assert.equal(res.json().coverage, 0);
    });
  });
}
