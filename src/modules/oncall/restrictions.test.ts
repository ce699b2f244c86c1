import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { clipToSpans, restrictionSpans, unionSpans } from "./restrictions.ts";
import type { ScheduleRestriction } from "./schedule.schema.ts";

// Expected instants are worked out by hand; see the zone rules at the top of rotation.test.ts.

const ms = (iso: string) => Date.parse(iso);

function windows(timeZone: string, restrictions: ScheduleRestriction[], from: string, to: string): string[] {
  return restrictionSpans(restrictions, timeZone, ms(from), ms(to)).map(
    (s) => `${new Date(s.start).toISOString()} ${new Date(s.end).toISOString()}`,
  );
}

describe("restriction windows", () => {
  it("open on the listed weekdays at local time, across a DST change", () => {
    assert.deepEqual(
      windows(
        "America/New_York",
        [{ days: ["mon"], from: "09:00", to: "17:00" }],
        "2026-03-01T00:00Z",
        "2026-03-15T00:00Z",
      ),
      [
        "2026-03-02T14:00:00.000Z 2026-03-02T22:00:00.000Z",
        "2026-03-09T13:00:00.000Z 2026-03-09T21:00:00.000Z",
      ],
    );
  });

  it("wrap past midnight when to <= from, ending on the next date (9 h over Berlin's fall back)", () => {
    assert.deepEqual(
      windows(
        "Europe/Berlin",
        [{ days: ["sat"], from: "22:00", to: "06:00" }],
        "2026-10-17T00:00Z",
        "2026-10-26T00:00Z",
      ),
      [
        "2026-10-17T20:00:00.000Z 2026-10-18T04:00:00.000Z", // Sat 22:00 CEST - Sun 06:00 CEST
        "2026-10-24T20:00:00.000Z 2026-10-25T05:00:00.000Z", // Sat 22:00 CEST - Sun 06:00 CET
      ],
    );
  });

  it("a wrapping window that opened before `from` is still seen", () => {
    assert.deepEqual(
      windows(
        "Europe/Berlin",
        [{ days: ["sat"], from: "22:00", to: "06:00" }],
        "2026-10-18T02:00Z",
        "2026-10-18T12:00Z",
      ),
      ["2026-10-18T02:00:00.000Z 2026-10-18T04:00:00.000Z"],
    );
  });

  it("to 24:00 is the next midnight; from == to is a full day", () => {
    assert.deepEqual(
      windows(
        "Europe/Berlin",
        [
          { days: ["mon"], from: "18:00", to: "24:00" },
          { days: ["wed"], from: "09:00", to: "09:00" },
        ],
        "2026-06-01T00:00Z",
        "2026-06-05T00:00Z",
      ),
      [
        "2026-06-01T16:00:00.000Z 2026-06-01T22:00:00.000Z",
        "2026-06-03T07:00:00.000Z 2026-06-04T07:00:00.000Z",
      ],
    );
  });

  it("a window opening at a nonexistent time opens after the gap (New York, 2026-03-08 02:30)", () => {
    assert.deepEqual(
      windows(
        "America/New_York",
        [{ days: ["sun"], from: "02:30", to: "05:00" }],
        "2026-03-01T00:00Z",
        "2026-03-09T00:00Z",
      ),
      [
        "2026-03-01T07:30:00.000Z 2026-03-01T10:00:00.000Z", // 02:30-05:00 EST
        "2026-03-08T07:30:00.000Z 2026-03-08T09:00:00.000Z", // 03:30-05:00 EDT
      ],
    );
  });

  it("a window inside the gap moves forward with it; one the gap turns inside out is empty", () => {
    const ny = (from: string, to: string) =>
      windows("America/New_York", [{ days: ["sun"], from, to }], "2026-03-08T00:00Z", "2026-03-09T00:00Z");
    assert.deepEqual(ny("02:10", "02:50"), ["2026-03-08T07:10:00.000Z 2026-03-08T07:50:00.000Z"]);
    assert.deepEqual(ny("02:30", "03:00"), []);
  });

  it("a window closing at an ambiguous time closes at the first one (New York, 2026-11-01 01:30 EDT)", () => {
    assert.deepEqual(
      windows(
        "America/New_York",
        [{ days: ["sun"], from: "00:00", to: "01:30" }],
        "2026-11-01T00:00Z",
        "2026-11-02T00:00Z",
      ),
      ["2026-11-01T04:00:00.000Z 2026-11-01T05:30:00.000Z"],
    );
  });

  it("Lord Howe: 30 minutes of 02:00-03:00 on 2026-10-04, 1 h on 2026-04-05, 1.5 h of 01:00-02:00", () => {
    const lh = (days: ScheduleRestriction["days"], from: string, to: string, a: string, b: string) =>
      windows("Australia/Lord_Howe", [{ days, from, to }], a, b);
    assert.deepEqual(lh(["sun"], "02:00", "03:00", "2026-10-03T00:00Z", "2026-10-04T00:00Z"), [
      "2026-10-03T15:30:00.000Z 2026-10-03T16:00:00.000Z", // 02:00 does not exist: 02:30 +11:00
    ]);
    assert.deepEqual(lh(["sun"], "02:00", "03:00", "2026-04-04T00:00Z", "2026-04-05T00:00Z"), [
      "2026-04-04T15:30:00.000Z 2026-04-04T16:30:00.000Z", // both +10:30, after the repeated half hour
    ]);
    assert.deepEqual(lh(["sun"], "01:00", "02:00", "2026-04-04T00:00Z", "2026-04-05T00:00Z"), [
      "2026-04-04T14:00:00.000Z 2026-04-04T15:30:00.000Z", // 01:00 +11:00 to 02:00 +10:30
    ]);
  });

  it("unions overlapping and touching windows, including wraps into the next day's window", () => {
    assert.deepEqual(
      windows(
        "UTC",
        [
          { days: ["mon", "tue"], from: "22:00", to: "22:00" },
          { days: ["mon"], from: "08:00", to: "23:00" },
        ],
        "2026-06-01T00:00Z",
        "2026-06-08T00:00Z",
      ),
      ["2026-06-01T08:00:00.000Z 2026-06-03T22:00:00.000Z"],
    );
  });

  it("no window when nothing is restricted or the range is empty", () => {
    assert.deepEqual(windows("UTC", [], "2026-06-01T00:00Z", "2026-06-08T00:00Z"), []);
    const r: ScheduleRestriction[] = [{ days: ["mon"], from: "00:00", to: "24:00" }];
    assert.deepEqual(windows("UTC", r, "2026-06-08T00:00Z", "2026-06-01T00:00Z"), []);
  });
});

describe("span helpers", () => {
  it("unionSpans sorts and merges", () => {
    assert.deepEqual(
      unionSpans([
        { start: 5, end: 7 },
        { start: 0, end: 2 },
        { start: 2, end: 3 },
        { start: 6, end: 9 },
      ]),
      [
        { start: 0, end: 3 },
        { start: 5, end: 9 },
      ],
    );
  });
  it("clipToSpans keeps only the parts inside the spans", () => {
    const segs = [
      { user: "a", start: 0, end: 10 },
      { user: "b", start: 10, end: 20 },
    ];
    assert.deepEqual(
      clipToSpans(segs, [
        { start: 2, end: 4 },
        { start: 8, end: 12 },
        { start: 19, end: 30 },
      ]),
      [
        { user: "a", start: 2, end: 4 },
        { user: "a", start: 8, end: 10 },
        { user: "b", start: 10, end: 12 },
        { user: "b", start: 19, end: 20 },
      ],
    );
  });
});
