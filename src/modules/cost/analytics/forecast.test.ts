import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { estimate, money } from "./decimal.ts";
import { forecastPeriod } from "./forecast.ts";
import { seriesOf } from "./test-series.ts";

// November 2026: the 1st is a Sunday, 30 days. Data through Saturday the 14th.
const november = { periodStart: "2026-11-01", periodEnd: "2026-11-30", observedThrough: "2026-11-14" };
const weekly = (_d: string, w: number) => (w >= 6 ? "40" : "100");

describe("month-end forecast", () => {
  it("projects each remaining day at its weekday's trailing mean", () => {
    const f = forecastPeriod({ ...november, series: seriesOf("2026-09-01", "2026-11-14", weekly) });
    // Actual 1-14: ten weekdays x 100 + four weekend days (1, 7, 8, 14) x 40 = 1160.
    // Remaining 15-30: eleven weekdays x 100 + five weekend days (15, 21, 22, 28, 29) x 40 = 1300.
    // (A flat run rate, (20 x 100 + 8 x 40) / 28 a day over the 28-day window, would say 2485.71.)
    assert.equal(f.method, "weekday");
    assert.equal(money(f.actualToDate), "1160.00");
    assert.equal(f.remainingDays, 16);
    assert.equal(estimate(f.forecast), "2460.00");
    // No residuals: the interval collapses onto the forecast.
    assert.equal(estimate(f.low), "2460.00");
    assert.equal(estimate(f.high), "2460.00");
  });

  it("widens the interval with the residuals' spread", () => {
    // Mondays in the window (10-19, 10-26, 11-02, 11-09) cost 90, 110, 90, 110: their mean stays 100, so
    // the forecast is still 2460. Residuals: +-10 four times -> sum of squares 400, degrees of freedom
    // 28 days - 7 weekday means = 21 -> sigma = sqrt(400/21) = 4.3644.
    // Remaining days per weekday: Mon 3, Sun 3, other five weekdays 2 each; each mean has 4 samples, so
    // the mean error term is (9 + 9 + 5 x 4) / 4 = 9.5. Half width = 1.645 x 4.3644 x sqrt(16 + 9.5) = 36.25.
    const noisy: Record<string, string> = {
      "2026-10-19": "90",
      "2026-10-26": "110",
      "2026-11-02": "90",
      "2026-11-09": "110",
    };
    const f = forecastPeriod({
      ...november,
      series: seriesOf("2026-09-01", "2026-11-14", (d, w) => noisy[d] ?? weekly(d, w)),
    });
    assert.equal(money(f.actualToDate), "1160.00");
    assert.equal(estimate(f.forecast), "2460.00");
    assert.equal(estimate(f.low), "2423.75");
    assert.equal(estimate(f.high), "2496.25");
  });

  it("falls back to a flat mean with under two weeks of history", () => {
    // Data only 11-05 .. 11-14: 7 weekdays (5, 6, 9-13) at 100 and 3 weekend days (7, 8, 14) at 40;
    // flat mean = (700 + 120) / 10 = 82; actual 1-14 = 820; 16 remaining days x 82 = 1312 -> 2132.
    const f = forecastPeriod({ ...november, series: seriesOf("2026-11-05", "2026-11-14", weekly) });
    assert.equal(f.method, "flat");
    assert.equal(money(f.actualToDate), "820.00");
    assert.equal(estimate(f.forecast), "2132.00");
    // Residuals: 7 x (100-82)^2 + 3 x (40-82)^2 = 2268 + 5292 = 7560; sigma = sqrt(7560 / 9) = 28.983;
    // half width = 1.645 x 28.983 x sqrt(16 + 16^2/10) = 1.645 x 28.983 x 6.4498 = 307.51
    assert.equal(estimate(f.high), "2439.51");
    assert.equal(estimate(f.low), "1824.49");
  });

  it("a period the data covers fully is its actual, and a stale feed still projects its gap", () => {
    const series = seriesOf("2026-09-01", "2026-12-02", weekly);
    const done = forecastPeriod({ ...november, observedThrough: "2026-12-02", series });
    assert.equal(done.method, "complete");
    assert.equal(money(done.forecast), money(done.actualToDate));
    // Data stops on the 10th although "today" may be later: days 11-30 are all forecast.
    const stale = forecastPeriod({ ...november, observedThrough: "2026-11-10", series });
    assert.equal(stale.remainingDays, 20);
  });

  it("the interval never reaches below what was already spent", () => {
    const f = forecastPeriod({
      periodStart: "2026-11-01",
      periodEnd: "2026-11-30",
      observedThrough: "2026-11-29",
      series: seriesOf("2026-10-01", "2026-11-29", (d) => (Number(d.slice(8)) % 2 === 0 ? "1000" : "0")),
    });
    assert.ok(f.low.gte(f.actualToDate));
  });

  it("nothing to extrapolate from: zero, not an error", () => {
    const f = forecastPeriod({
      ...november,
      observedThrough: null,
      series: { firstDay: "2026-11-01", amounts: new Map() },
    });
    assert.equal(f.method, "no-history");
    assert.equal(money(f.forecast), "0.00");
  });
});
