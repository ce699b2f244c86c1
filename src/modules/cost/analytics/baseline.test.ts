import assert from "node:assert/strict";
import { describe, it } from "node:test";
import Big from "big.js";
import { baselineFor } from "./baseline.ts";
import { median, medianAbsoluteDeviation, money } from "./decimal.ts";
import { seriesOf } from "./test-series.ts";

const big = (values: string[]) => values.map((v) => new Big(v));

describe("median and MAD", () => {
  it("are exact on decimals, odd and even counts", () => {
    assert.equal(money(median(big(["3", "1", "2"]))), "2.00");
    // (0.1 + 0.2) / 2 = 0.15 exactly: a float median would give 0.15000000000000002
    assert.equal(money(median(big(["0.2", "0.1"]))), "0.15");
    // values 97..103 (eight Mondays): median (100+100)/2 = 100; |x-100| = 3,2,1,0,0,1,2,3 -> median (1+2)/2
    const mondays = big(["100", "102", "98", "101", "99", "103", "97", "100"]);
    assert.equal(money(median(mondays)), "100.00");
    assert.equal(money(medianAbsoluteDeviation(mondays)), "1.50");
  });
});

describe("baseline with weekday seasonality", () => {
  // 2026-09-07 is a Monday. Mondays cost 100..103 in a known order, every other day 50.
  const mondays = ["100", "102", "98", "101", "99", "103", "97", "100"];
  let monday = 0;
  const series = seriesOf("2026-09-07", "2026-11-01", (_d, w) =>
    w === 1 ? (mondays[monday++] as string) : "50",
  );

  it("uses the same weekday of the trailing eight weeks", () => {
    const b = baselineFor(series, "2026-11-02");
    assert.ok(b);
    assert.equal(b.method, "weekday");
    assert.equal(b.samples.length, 8);
    assert.equal(money(b.expected), "100.00");
    assert.equal(money(b.mad), "1.50");
    // A Tuesday is judged against Tuesdays (all 50), not against the Mondays.
    assert.equal(money(baselineFor(series, "2026-11-03")?.expected ?? new Big(-1)), "50.00");
  });

  it("treats a known day without cost as zero and an unknown day (before the data) as missing", () => {
    const sparse = { firstDay: "2026-10-05", amounts: new Map([["2026-10-05", new Big("70")]]) };
    // Mondays 10-05 (70), 10-12, 10-19, 10-26 (no rows: 0): four samples, median (0+0)/2 = 0
    const b = baselineFor(sparse, "2026-11-02");
    assert.equal(b?.method, "weekday");
    assert.deepEqual(b?.samples.map(money), ["0.00", "0.00", "0.00", "70.00"]);
    assert.equal(money(b?.expected ?? new Big(-1)), "0.00");
  });

  it("falls back to all trailing days when fewer than four same weekdays exist", () => {
    // 10-12 (Mon) .. 10-30 (Fri): 15 weekdays at 1000, 4 weekend days at 200; Saturday 10-31 has only two
    // earlier Saturdays, so all 19 trailing days count: median 1000, |x-1000| is 0 fifteen times -> MAD 0
    const short = seriesOf("2026-10-12", "2026-10-30", (_d, w) => (w >= 6 ? "200" : "1000"));
    const b = baselineFor(short, "2026-10-31");
    assert.equal(b?.method, "trailing");
    assert.equal(b?.samples.length, 19);
    assert.equal(money(b?.expected ?? new Big(-1)), "1000.00");
    assert.equal(money(b?.mad ?? new Big(-1)), "0.00");
  });

  it("has no baseline with fewer than seven earlier days", () => {
    const tiny = seriesOf("2026-10-27", "2026-11-01", () => "10");
    assert.equal(baselineFor(tiny, "2026-11-02"), null);
  });
});
