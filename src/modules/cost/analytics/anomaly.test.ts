import assert from "node:assert/strict";
import { describe, it } from "node:test";
import Big from "big.js";
import { detectInSeries, judgeDay } from "./anomaly.ts";
import type { Baseline } from "./baseline.ts";
import { money } from "./decimal.ts";
import { seriesOf } from "./test-series.ts";

const baseline = (expected: string, mad: string): Baseline => ({
  method: "weekday",
  samples: [],
  expected: new Big(expected),
  mad: new Big(mad),
});
const thresholds = { minImpact: new Big("100"), minRelative: 0.2, minDeviation: 3.5 };

describe("anomaly thresholds", () => {
  it("flags a spike far above a tight baseline, with the impact exact", () => {
    // expected 100, MAD 1.5 -> scale 1.4826 x 1.5 = 2.2239; 250.10 - 100 = 150.10; 150.10 / 2.2239 = 67.49
    const f = judgeDay("2026-11-02", new Big("250.10"), baseline("100", "1.5"), thresholds);
    assert.ok(f);
    assert.equal(money(f.impact), "150.10");
    assert.equal(money(f.expected), "100.00");
    assert.equal(f.deviation, 67.49);
  });

  it("ignores a spike below the money floor", () => {
    // impact 80 < 100, although 80 / 2.2239 = 36 deviations
    assert.equal(judgeDay("2026-11-02", new Big("180"), baseline("100", "1.5"), thresholds), null);
    assert.ok(
      judgeDay("2026-11-02", new Big("180"), baseline("100", "1.5"), {
        ...thresholds,
        minImpact: new Big("50"),
      }),
    );
  });

  it("ignores a large account's small relative wobble", () => {
    // impact 150 >= 100 but 150 / 10000 = 1.5 % < 20 %
    assert.equal(judgeDay("2026-11-02", new Big("10150"), baseline("10000", "10"), thresholds), null);
  });

  it("ignores a change inside the series' normal spread", () => {
    // expected 1000, MAD 200 -> scale 296.52; impact 500 (50 %) but 500 / 296.52 = 1.69 < 3.5
    assert.equal(judgeDay("2026-11-02", new Big("1500"), baseline("1000", "200"), thresholds), null);
  });

  it("ignores drops", () => {
    assert.equal(judgeDay("2026-11-02", new Big("0"), baseline("1000", "1"), thresholds), null);
  });

  it("judges a flat baseline (MAD 0) against a 1 % floor instead of dividing by zero", () => {
    // expected 200, MAD 0 -> scale max(0, 200 x 1 % = 2) = 2; impact 400 -> deviation 200
    const f = judgeDay("2026-11-07", new Big("600"), baseline("200", "0"), thresholds);
    assert.equal(f?.deviation, 200);
  });

  it("flags a new cost on a series that cost nothing before (money floor decides)", () => {
    const f = judgeDay("2026-11-02", new Big("120"), baseline("0", "0"), thresholds);
    assert.equal(money(f?.impact ?? new Big(-1)), "120.00");
    assert.equal(f?.deviation, 12000); // 120 / 0.01 (the one-cent floor)
  });
});

describe("detection over a series with a weekly rhythm", () => {
  // Weekdays cost 1000, weekends 200. Saturday 2026-10-31 costs 600: three times a normal Saturday.
  const amountFor = (d: string, w: number) => (d === "2026-10-31" ? "600" : w >= 6 ? "200" : "1000");

  it("flags the Saturday when eight weeks of Saturdays are known", () => {
    const series = seriesOf("2026-09-05", "2026-11-06", amountFor);
    const found = detectInSeries(series, ["2026-10-30", "2026-10-31", "2026-11-01"], thresholds);
    assert.deepEqual(
      found.map((f) => [f.day, money(f.actual), money(f.expected), money(f.impact), f.method]),
      [["2026-10-31", "600.00", "200.00", "400.00", "weekday"]],
    );
  });

  it("misses it with three weeks of history: the fallback baseline mixes weekdays in (median 1000)", () => {
    const series = seriesOf("2026-10-12", "2026-11-06", amountFor);
    assert.deepEqual(detectInSeries(series, ["2026-10-31"], thresholds), []);
  });

  it("a spike does not poison the following week's baseline (the median ignores it)", () => {
    const series = seriesOf("2026-09-05", "2026-11-13", amountFor);
    // Saturday 11-07 is a normal 200; its baseline holds the 600 among eight Saturdays, median still 200
    assert.deepEqual(detectInSeries(series, ["2026-11-07"], thresholds), []);
    series.amounts.set("2026-11-07", new Big("650.25"));
    assert.equal(
      money(detectInSeries(series, ["2026-11-07"], thresholds)[0]?.impact ?? new Big(-1)),
      "450.25",
    );
  });
});
