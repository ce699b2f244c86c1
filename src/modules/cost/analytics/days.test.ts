import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { Temporal } from "temporal-polyfill";
import { addDays, daysBetween, isDay, weekday } from "./days.ts";

describe("billing-day arithmetic", () => {
  it("agrees with Temporal on any date and offset (years 0002 to 9900: leap years, centuries, before 1970)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -718_000, max: 2_900_000 }),
        fc.integer({ min: -1000, max: 1000 }),
        (base, n) => {
          const date = Temporal.PlainDate.from("1970-01-01").add({ days: base });
          const day = date.toString();
          assert.equal(addDays(day, n), date.add({ days: n }).toString());
          assert.equal(weekday(day), date.dayOfWeek);
          assert.equal(daysBetween(day, addDays(day, n)), n);
        },
      ),
    );
  });

  it("handles years below 100 as themselves", () => {
    assert.equal(addDays("0050-02-28", 1), "0050-03-01");
    assert.equal(weekday("0050-03-01"), Temporal.PlainDate.from("0050-03-01").dayOfWeek);
  });

  it("knows real dates from look-alikes", () => {
    assert.ok(isDay("2028-02-29"));
    for (const bad of ["2026-02-29", "2026-13-01", "2026-1-01", "26-01-01", "2026-01-01T00:00:00Z"])
      assert.equal(isDay(bad), false);
  });
});
