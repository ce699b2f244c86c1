import assert from "node:assert/strict";
import { describe, it } from "node:test";
import Big from "big.js";
import { budgetAlertFingerprint, judgeBudget, thresholdAmount, variance } from "./budget.ts";
import { money } from "./decimal.ts";
import { parsePeriod, periodContaining } from "./periods.ts";

const thresholds = [
  { percent: 80, of: "actual" as const },
  { percent: 100, of: "forecast" as const },
];

describe("budget periods", () => {
  it("finds the month and quarter of a day, leap years included", () => {
    assert.deepEqual(periodContaining("2028-02-10", "monthly"), {
      kind: "monthly",
      label: "2028-02",
      start: "2028-02-01",
      end: "2028-02-29",
    });
    assert.deepEqual(periodContaining("2026-11-22", "quarterly"), {
      kind: "quarterly",
      label: "2026-Q4",
      start: "2026-10-01",
      end: "2026-12-31",
    });
  });

  it("parses YYYY-MM and YYYY-Qn and nothing else", () => {
    assert.equal(parsePeriod("2026-Q1")?.end, "2026-03-31");
    assert.equal(parsePeriod("2026-04")?.end, "2026-04-30");
    for (const bad of ["2026-13", "2026-Q5", "2026-4", "26-04", "2026-04-01", ""])
      assert.equal(parsePeriod(bad), null);
  });
});

describe("budget judgement", () => {
  const budget = new Big("12000.00");

  it("is ok below every threshold", () => {
    const j = judgeBudget(budget, new Big("5000"), new Big("11000"), thresholds);
    assert.equal(j.status, "ok");
    assert.deepEqual(
      j.thresholds.map((t) => t.breached),
      [false, false],
    );
    assert.equal(j.percentUsed, 41.7); // 5000 / 12000 = 41.666... %
  });

  it("crosses the actual threshold exactly at 80 % (9600.00) and is at risk", () => {
    assert.equal(money(thresholdAmount(budget, 80)), "9600.00");
    const below = judgeBudget(budget, new Big("9599.99"), new Big("11000"), thresholds);
    assert.equal(below.thresholds[0]?.breached, false);
    const at = judgeBudget(budget, new Big("9600.00"), new Big("11000"), thresholds);
    assert.equal(at.thresholds[0]?.breached, true);
    assert.equal(at.status, "at-risk");
  });

  it("is at risk when only the forecast passes the amount, and over once the actual does", () => {
    const risk = judgeBudget(budget, new Big("6000"), new Big("12000.01"), thresholds);
    assert.deepEqual(
      risk.thresholds.map((t) => t.breached),
      [false, true],
    );
    assert.equal(risk.status, "at-risk");
    assert.equal(judgeBudget(budget, new Big("12000.01"), new Big("13000"), thresholds).status, "over");
    // Exactly the amount is not over it.
    assert.equal(judgeBudget(budget, new Big("12000"), new Big("12000"), []).status, "ok");
  });

  it("has a fingerprint per budget, period and threshold", () => {
    const a = budgetAlertFingerprint("payments-monthly", "2026-11", { percent: 80, of: "actual" });
    assert.equal(a, "cost-budget:payments-monthly:2026-11:actual:80");
    assert.notEqual(a, budgetAlertFingerprint("payments-monthly", "2026-12", { percent: 80, of: "actual" }));
    assert.notEqual(
      a,
      budgetAlertFingerprint("payments-monthly", "2026-11", { percent: 80, of: "forecast" }),
    );
  });

  it("reports variance as forecast minus amount", () => {
    const v = variance(budget, new Big("13380.50"));
    assert.equal(money(v.variance), "1380.50");
    assert.equal(v.variancePercent, 11.5); // 1380.50 / 12000 = 11.504 %
    assert.equal(variance(budget, new Big("9000")).variancePercent, -25);
  });
});
