import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type StoredCounts, sumRange } from "./aggregate.ts";
import { type MinuteBlock, summarize } from "./buckets.ts";
import { exclusionIntervals } from "./exclusions.ts";
import { calendarPeriod, describeWindow, sloPeriod } from "./windows.ts";

const iso = (ms: number) => new Date(ms).toISOString();
const hours = (ms: number) => ms / 3_600_000;

describe("SLO windows", () => {
  const berlinMonth = { kind: "calendar", unit: "month", timeZone: "Europe/Berlin" } as const;

  it("calendar months in Europe/Berlin start at local midnight across DST", () => {
    // March 2026: 1 March 00:00 CET = 28 Feb 23:00Z; 1 April 00:00 CEST = 31 March 22:00Z; DST on 29 March
    // makes it 31 * 24 - 1 = 743 hours.
    const march = calendarPeriod(berlinMonth, Date.parse("2026-03-15T12:00:00Z"));
    assert.deepEqual(
      [iso(march.start), iso(march.end), hours(march.end - march.start)],
      ["2026-02-28T23:00:00.000Z", "2026-03-31T22:00:00.000Z", 743],
    );
    // October 2026 gains the hour back (25 October): 745 hours.
    const october = calendarPeriod(berlinMonth, Date.parse("2026-10-10T00:00:00Z"));
    assert.equal(hours(october.end - october.start), 745);
    // 31 March 22:30Z is already April in Berlin (00:30 CEST).
    assert.equal(
      iso(calendarPeriod(berlinMonth, Date.parse("2026-03-31T22:30:00Z")).start),
      "2026-03-31T22:00:00.000Z",
    );
  });

  it("quarters, weeks from an anchor, and the window as of an instant", () => {
    const q = calendarPeriod(
      { kind: "calendar", unit: "quarter", timeZone: "Europe/Berlin" },
      Date.parse("2026-11-22T10:00:00Z"),
    );
    assert.deepEqual([iso(q.start), iso(q.end)], ["2026-09-30T22:00:00.000Z", "2026-12-31T23:00:00.000Z"]);
    // Weeks from Saturday 2022-01-01 12:00 New York: the week of 22 Nov 2026 started Sat 21 Nov 12:00 EST = 17:00Z.
    const w = calendarPeriod(
      { kind: "calendar", unit: "week", timeZone: "America/New_York", anchor: "2022-01-01T12:00:00" },
      Date.parse("2026-11-22T10:00:00Z"),
    );
    assert.deepEqual([iso(w.start), iso(w.end)], ["2026-11-21T17:00:00.000Z", "2026-11-28T17:00:00.000Z"]);
    // A rolling 30d window ends at the minute (seconds dropped) and starts 30 days before.
    const r = sloPeriod({ kind: "rolling", days: 30 }, Date.parse("2026-11-22T10:06:42Z"));
    assert.deepEqual([iso(r.from), iso(r.to)], ["2026-10-23T10:06:00.000Z", "2026-11-22T10:06:00.000Z"]);
    // The first minute of April belongs to April's window; at exactly the boundary March is complete.
    const atBoundary = sloPeriod(berlinMonth, Date.parse("2026-03-31T22:00:00Z"));
    assert.equal(iso(atBoundary.from), "2026-02-28T23:00:00.000Z");
    assert.equal(describeWindow(berlinMonth), "calendar month (Europe/Berlin)");
    assert.equal(describeWindow({ kind: "rolling", days: 28 }), "28d rolling");
  });

  it("sums whole days, hour summaries and minute blocks; a pruned head rounds to the next hour", () => {
    const rule = { target: 0, minutes: 1 };
    const full = (good: number): MinuteBlock =>
      Array.from({ length: 60 }, () => [good, 10] as [number, number]);
    // Day 2026-11-21: 24 hours of 600 events (all good); 2026-11-22: hours 0-9 summarized, hour 10 as a block.
    const day21 = Array.from({ length: 24 }, () => summarize(full(10), rule));
    const day22 = Array.from({ length: 24 }, (_, h) => (h < 10 ? summarize(full(9), rule) : null));
    const stored: StoredCounts = {
      days: new Map([
        [
          "2026-11-21",
          {
            sums: { good: 14_400, total: 14_400, goodSlices: 0, slices: 0, minutes: 0 },
            hoursJson: JSON.stringify(day21),
          },
        ],
        [
          "2026-11-22",
          {
            sums: { good: 5400, total: 6000, goodSlices: 0, slices: 0, minutes: 0 },
            hoursJson: JSON.stringify(day22),
          },
        ],
      ]),
      blocks: new Map([[Date.parse("2026-11-22T10:00:00Z"), full(8).map((m, i) => (i < 6 ? m : null))]]),
    };
    // [21st 00:00, 22nd 10:06): day 21 whole (14,400), 10 hours of 22nd (6000, 5400 good), 6 minutes (60, 48 good).
    const all = sumRange(
      stored,
      rule,
      Date.parse("2026-11-21T00:00:00Z"),
      Date.parse("2026-11-22T10:06:00Z"),
    );
    assert.deepEqual([all.good, all.total], [14_400 + 5400 + 48, 14_400 + 6000 + 60]);
    // From 21st 05:30 without a block for 05:00: starts at 06:00 -> 18 hours of day 21 (10,800).
    const head = sumRange(
      stored,
      rule,
      Date.parse("2026-11-21T05:30:00Z"),
      Date.parse("2026-11-22T00:00:00Z"),
    );
    assert.equal(head.total, 10_800);
    // Within one hour: minutes 2-4 of the 10:00 block.
    const inner = sumRange(
      stored,
      rule,
      Date.parse("2026-11-22T10:02:00Z"),
      Date.parse("2026-11-22T10:05:00Z"),
    );
    assert.deepEqual([inner.good, inner.total], [24, 30]);
  });

  it("expands maintenance RRULEs in their time zone, summer and winter", () => {
    const weekly = [
      {
        kind: "rrule",
        rrule: "FREQ=WEEKLY;BYDAY=SU;BYHOUR=2",
        durationMinutes: 120,
        timeZone: "Europe/Berlin",
      },
    ] as const;
    // Sunday 22 Nov 2026 02:00 CET = 01:00Z; Sunday 5 July 2026 02:00 CEST = 00:00Z.
    const nov = exclusionIntervals(
      [...weekly],
      Date.parse("2026-11-21T00:00:00Z"),
      Date.parse("2026-11-23T00:00:00Z"),
    );
    assert.deepEqual(
      nov.map(([a, b]) => [iso(a), iso(b)]),
      [["2026-11-22T01:00:00.000Z", "2026-11-22T03:00:00.000Z"]],
    );
    const jul = exclusionIntervals(
      [...weekly],
      Date.parse("2026-07-04T00:00:00Z"),
      Date.parse("2026-07-06T00:00:00Z"),
    );
    assert.deepEqual(
      jul.map(([a]) => iso(a)),
      ["2026-07-05T00:00:00.000Z"],
    );
    // An occurrence that began before the range still covers its start; explicit ranges merge with it.
    const mid = exclusionIntervals(
      [...weekly, { kind: "range", from: "2026-11-22T02:30:00Z", to: "2026-11-22T04:00:00Z" }],
      Date.parse("2026-11-22T02:00:00Z"),
      Date.parse("2026-11-22T05:00:00Z"),
    );
    assert.deepEqual(
      mid.map(([a, b]) => [iso(a), iso(b)]),
      [["2026-11-22T01:00:00.000Z", "2026-11-22T04:00:00.000Z"]],
    );
  });
});
