import assert from "node:assert/strict";
import { describe, it } from "node:test";
import Big from "big.js";
import { allSpend, niceTicks, otherKey, stackDays, unallocatedKey } from "./chart.ts";
import type { DailyCost } from "./types.ts";

const range = { from: "2026-10-01", to: "2026-10-04" };

function daily(days: Record<string, Record<string, string>>): DailyCost {
  return {
    currency: "EUR",
    days: Object.entries(days).map(([day, rows]) => ({
      day,
      total: Object.values(rows)
        .reduce((s, a) => s.plus(a), new Big(0))
        .toFixed(),
      rows: Object.entries(rows).map(([key, amount]) => ({ key, amount })),
    })),
  };
}

describe("stackDays", () => {
  it("gives every day of the range a bar, empty days included", () => {
    const data = stackDays(daily({ "2026-10-02": { a: "5" } }), range);
    assert.deepEqual(
      data.bars.map((b) => [b.day, b.segments.length]),
      [
        ["2026-10-01", 0],
        ["2026-10-02", 1],
        ["2026-10-03", 0],
      ],
    );
    assert.equal(data.max, 5);
  });

  it("keeps the top keys by range total and sums the rest exactly into Other", () => {
    const rows: Record<string, string> = {};
    for (let i = 1; i <= 9; i++) rows[`k${i}`] = `${i}.1`;
    // 0.1 + 0.2 is not 0.3 in floats: Other must be exact.
    rows.tiny1 = "0.1";
    rows.tiny2 = "0.2";
    const data = stackDays(daily({ "2026-10-01": rows }), range, 6);
    assert.deepEqual(
      data.series.map((s) => s.label),
      ["k9", "k8", "k7", "k6", "k5", "k4", "Other (5)"],
    );
    const other = data.series.find((s) => s.id === otherKey);
    assert.equal(other?.total, "6.6"); // 3.1 + 2.1 + 1.1 + 0.1 + 0.2
    const bar = data.bars[0];
    assert.equal(bar?.segments.at(-1)?.amount, "6.6");
    // Stacked without gaps: each segment starts where the previous one ends.
    bar?.segments.forEach((s, i) => {
      assert.equal(s.y0, i === 0 ? 0 : bar.segments[i - 1]?.y1);
    });
  });

  it("does not fold a single extra key into Other", () => {
    const data = stackDays(daily({ "2026-10-01": { a: "3", b: "2", c: "1" } }), range, 2);
    assert.deepEqual(
      data.series.map((s) => s.label),
      ["a", "b", "c"],
    );
  });

  it("labels the unallocated key and gives it its own colour", () => {
    const data = stackDays(daily({ "2026-10-01": { "(unallocated)": "4", payments: "1" } }), range);
    const unallocated = data.series.find((s) => s.id === unallocatedKey);
    assert.equal(unallocated?.label, "Unallocated");
    assert.equal(unallocated?.slot, "unallocated");
    assert.equal(data.series.find((s) => s.label === "payments")?.slot, 0);
  });

  it("draws no credits (negative amounts) but keeps them in the day total", () => {
    const data = stackDays(daily({ "2026-10-01": { a: "10", refund: "-3" } }), range);
    const bar = data.bars[0];
    assert.equal(bar?.total, "7");
    assert.deepEqual(
      bar?.segments.map((s) => s.series.label),
      ["a"],
    );
  });

  it("shows an unsplit day (no group-by) as one All spend series", () => {
    const data = stackDays(
      { currency: "USD", days: [{ day: "2026-10-01", total: "12.5", rows: [] }] },
      range,
    );
    assert.deepEqual(
      data.series.map((s) => [s.label, s.total]),
      [[allSpend, "12.5"]],
    );
  });
});

describe("niceTicks", () => {
  it("steps by 1, 2, 2.5 or 5 times a power of ten and reaches the maximum", () => {
    assert.deepEqual(niceTicks(9_400), [0, 2_500, 5_000, 7_500, 10_000]);
    for (const max of [0.37, 3, 9_400, 151_466.42]) {
      const ticks = niceTicks(max);
      const step = (ticks[1] ?? 0) - (ticks[0] ?? 0);
      const mantissa = Number((step / 10 ** Math.floor(Math.log10(step))).toPrecision(3));
      assert.ok([1, 2, 2.5, 5].includes(mantissa), `step ${step} for ${max}`);
      assert.ok((ticks.at(-1) ?? 0) >= max, `top tick ${ticks.at(-1)} below ${max}`);
      assert.ok(ticks.length <= 7, `${ticks.length} ticks for ${max}`);
    }
  });

  it("has a single tick for an empty chart", () => {
    assert.deepEqual(niceTicks(0), [0]);
  });
});
