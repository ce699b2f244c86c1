import assert from "node:assert/strict";
import { describe, it } from "node:test";
import Big from "big.js";
import fc from "fast-check";
import { defaultThresholds, judgeDay } from "./anomaly.ts";
import { addDays, dayRange } from "./days.ts";
import { median, medianAbsoluteDeviation } from "./decimal.ts";
import { forecastPeriod } from "./forecast.ts";

/** Cents from 0 to 100,000.00 as exact decimals. */
const cents = fc.integer({ min: 0, max: 10_000_000 }).map((c) => new Big(c).div(100));

describe("statistics and forecast invariants (property tests)", () => {
  it("the median does not depend on order and lies between the extremes; the MAD is never negative", () => {
    fc.assert(
      fc.property(fc.array(cents, { minLength: 1, maxLength: 60 }), (values) => {
        const m = median(values);
        assert.ok(median([...values].reverse()).eq(m));
        const sorted = [...values].sort((a, b) => a.cmp(b));
        assert.ok(m.gte(sorted[0] as Big) && m.lte(sorted[sorted.length - 1] as Big));
        assert.ok(medianAbsoluteDeviation(values).gte(0));
      }),
    );
  });

  it("a forecast of non-negative spend is ordered low <= forecast <= high and never below the actual", () => {
    fc.assert(
      fc.property(
        fc.array(cents, { minLength: 1, maxLength: 70 }),
        fc.integer({ min: 0, max: 29 }),
        (values, observedOffset) => {
          const observedThrough = addDays("2026-11-01", observedOffset);
          const firstDay = addDays(observedThrough, -(values.length - 1));
          const amounts = new Map(dayRange(firstDay, observedThrough).map((d, i) => [d, values[i] as Big]));
          const f = forecastPeriod({
            periodStart: "2026-11-01",
            periodEnd: "2026-11-30",
            observedThrough,
            series: { firstDay, amounts },
          });
          assert.ok(f.low.lte(f.forecast) && f.forecast.lte(f.high), `${f.low} ${f.forecast} ${f.high}`);
          assert.ok(f.forecast.gte(f.actualToDate) && f.low.gte(f.actualToDate));
        },
      ),
    );
  });

  it("a constant daily cost is forecast exactly, with no interval", () => {
    fc.assert(
      fc.property(cents, fc.integer({ min: 0, max: 28 }), (daily, offset) => {
        const observedThrough = addDays("2026-11-01", offset);
        const firstDay = "2026-09-01";
        const amounts = new Map(dayRange(firstDay, observedThrough).map((d) => [d, daily]));
        const f = forecastPeriod({
          periodStart: "2026-11-01",
          periodEnd: "2026-11-30",
          observedThrough,
          series: { firstDay, amounts },
        });
        assert.ok(f.forecast.eq(daily.times(30)), `${f.forecast} vs ${daily.times(30)}`);
        assert.ok(f.low.eq(f.forecast) && f.high.eq(f.forecast));
      }),
    );
  });

  it("no day whose impact is below the money floor is ever an anomaly", () => {
    fc.assert(
      fc.property(cents, cents, cents, (expected, mad, actual) => {
        const finding = judgeDay(
          "2026-11-02",
          actual,
          { method: "weekday", samples: [], expected, mad },
          defaultThresholds,
        );
        if (actual.minus(expected).lt(defaultThresholds.minImpact)) assert.equal(finding, null);
        if (finding) assert.ok(finding.impact.eq(actual.minus(expected)));
      }),
    );
  });
});
