import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { scheduleSpec } from "./schedule.schema.ts";
import { computeShifts, onCallAt, overlay, type ScheduleInput } from "./schedule.ts";

// Expected instants are worked out by hand; see the zone rules at the top of rotation.test.ts.

const d = (iso: string) => new Date(iso);

function shifts(spec: ScheduleInput, from: string, to: string): string[] {
  return computeShifts(spec, d(from), d(to)).map(
    (s) =>
      `${s.user} ${s.start.toISOString().replace(":00.000Z", "Z")} ${s.end.toISOString().replace(":00.000Z", "Z")}`,
  );
}

/** The example document. */
const example = scheduleSpec.parse({
  timeZone: "America/New_York",
  layers: [
    {
      name: "weekly",
      start: "2026-10-26T09:00",
      rotation: { every: "1w" },
      participants: ["alice", "bob", "carol"],
    },
    {
      name: "weekend-nights",
      start: "2026-10-31T02:30",
      rotation: { every: "1d" },
      participants: ["dave", "erin"],
      restrictions: [{ days: ["sat", "sun"], from: "00:00", to: "06:00" }],
    },
  ],
  overrides: [{ user: "frank", start: "2026-11-04T12:00:00Z", end: "2026-11-04T15:30:00Z" }],
});

describe("the issue's example (America/New_York, over the 2026-11-01 fall back)", () => {
  it("stacks the weekend-night layer and the override over the weekly rotation", () => {
    assert.deepEqual(shifts(example, "2026-10-20T00:00Z", "2026-11-10T00:00Z"), [
      "alice 2026-10-26T13:00Z 2026-10-31T06:30Z", // Mon 09:00 EDT
      "dave 2026-10-31T06:30Z 2026-10-31T10:00Z", // layer start Sat 02:30 EDT, window ends 06:00 EDT
      "alice 2026-10-31T10:00Z 2026-11-01T04:00Z", // Sun 00:00 EDT
      "dave 2026-11-01T04:00Z 2026-11-01T07:30Z", // Sun 02:30 EST (after the repeated hour)
      "erin 2026-11-01T07:30Z 2026-11-01T11:00Z", // Sun 06:00 EST: a 7 h window
      "alice 2026-11-01T11:00Z 2026-11-02T14:00Z", // Mon 09:00 EST: alice's week was 169 h
      "bob 2026-11-02T14:00Z 2026-11-04T12:00Z",
      "frank 2026-11-04T12:00Z 2026-11-04T15:30Z",
      "bob 2026-11-04T15:30Z 2026-11-07T05:00Z", // Sat 00:00 EST
      "dave 2026-11-07T05:00Z 2026-11-07T07:30Z", // period 6 (Fri 02:30) is dave's
      "erin 2026-11-07T07:30Z 2026-11-07T11:00Z",
      "bob 2026-11-07T11:00Z 2026-11-08T05:00Z",
      "erin 2026-11-08T05:00Z 2026-11-08T07:30Z",
      "dave 2026-11-08T07:30Z 2026-11-08T11:00Z",
      "bob 2026-11-08T11:00Z 2026-11-09T14:00Z",
      "carol 2026-11-09T14:00Z 2026-11-10T00:00Z",
    ]);
  });

  it("onCallAt agrees at and around handoffs (half-open shifts)", () => {
    assert.equal(onCallAt(example, d("2026-10-26T12:59:59.999Z")), null); // before every layer
    assert.equal(onCallAt(example, d("2026-10-26T13:00Z")), "alice");
    assert.equal(onCallAt(example, d("2026-11-01T05:30Z")), "dave"); // 01:30 EDT
    assert.equal(onCallAt(example, d("2026-11-01T06:30Z")), "dave"); // 01:30 EST, the same wall time again
    assert.equal(onCallAt(example, d("2026-11-01T07:29:59.999Z")), "dave");
    assert.equal(onCallAt(example, d("2026-11-01T07:30Z")), "erin");
    assert.equal(onCallAt(example, d("2026-11-04T15:29:59.999Z")), "frank");
    assert.equal(onCallAt(example, d("2026-11-04T15:30Z")), "bob");
  });
});

describe("merge and clip", () => {
  const solo: ScheduleInput = {
    timeZone: "Europe/Berlin",
    layers: [{ name: "solo", start: "2026-03-27T09:00", rotation: { every: "1d" }, participants: ["ann"] }],
  };

  it("merges consecutive periods of the same user into one shift", () => {
    assert.deepEqual(shifts(solo, "2026-03-01T00:00Z", "2026-04-01T00:00Z"), [
      "ann 2026-03-27T08:00Z 2026-04-01T00:00Z",
    ]);
  });

  it("clips shifts to [from, to) and merges across layers and overrides", () => {
    const spec: ScheduleInput = {
      ...solo,
      layers: [
        ...solo.layers,
        { name: "late", start: "2026-03-28T18:00", rotation: { every: "1d" }, participants: ["bo", "ann"] },
      ],
      overrides: [{ user: "ann", start: "2026-03-28T16:00:00Z", end: "2026-03-28T20:00:00Z" }],
    };
    // late: bo from Sat 18:00 CET (17:00Z), ann from Sun 18:00 CEST (16:00Z); the override covers bo's first
    // three hours with ann, so bo's own stretch starts at 20:00Z.
    assert.deepEqual(shifts(spec, "2026-03-28T12:00Z", "2026-03-29T18:00Z"), [
      "ann 2026-03-28T12:00Z 2026-03-28T20:00Z",
      "bo 2026-03-28T20:00Z 2026-03-29T16:00Z",
      "ann 2026-03-29T16:00Z 2026-03-29T18:00Z",
    ]);
  });

  it("an empty or reversed window has no shifts", () => {
    assert.deepEqual(shifts(solo, "2026-04-01T00:00Z", "2026-04-01T00:00Z"), []);
    assert.deepEqual(shifts(solo, "2026-04-02T00:00Z", "2026-04-01T00:00Z"), []);
    assert.deepEqual(computeShifts(solo, new Date(Number.NaN), d("2026-04-01T00:00Z")), []);
  });
});

describe("layers, restrictions and overrides", () => {
  // Lord Howe, business hours on weekdays over a daily follow-the-sun base.
  const spec: ScheduleInput = {
    timeZone: "Australia/Lord_Howe",
    layers: [
      { name: "base", start: "2026-09-28T00:00", rotation: { every: "1w" }, participants: ["night"] },
      {
        name: "day",
        start: "2026-09-28T09:00",
        rotation: { every: "1d" },
        participants: ["d1", "d2"],
        restrictions: [{ days: ["mon", "tue", "wed", "thu", "fri"], from: "09:00", to: "17:00" }],
      },
    ],
    overrides: [
      { user: "o1", start: "2026-10-01T22:00:00Z", end: "2026-10-02T06:00:00Z" },
      { user: "o2", start: "2026-10-02T00:00:00Z", end: "2026-10-02T02:00:00Z" }, // later: wins over o1
    ],
  };

  it("the last covering layer wins, only inside its windows; later overrides beat earlier ones", () => {
    // Until 2026-10-04 Lord Howe is +10:30: 09:00 = 22:30Z the day before, 17:00 = 06:30Z. The day layer
    // starts Mon 28 Sep, so Thu 1 Oct is period 3 (d2) and Fri 2 Oct period 4 (d1).
    assert.deepEqual(shifts(spec, "2026-09-30T22:00Z", "2026-10-02T12:00Z"), [
      "night 2026-09-30T22:00Z 2026-09-30T22:30Z",
      "d2 2026-09-30T22:30Z 2026-10-01T06:30Z",
      "night 2026-10-01T06:30Z 2026-10-01T22:00Z",
      "o1 2026-10-01T22:00Z 2026-10-02T00:00Z",
      "o2 2026-10-02T00:00Z 2026-10-02T02:00Z",
      "o1 2026-10-02T02:00Z 2026-10-02T06:00Z",
      "d1 2026-10-02T06:00Z 2026-10-02T06:30Z",
      "night 2026-10-02T06:30Z 2026-10-02T12:00Z",
    ]);
  });

  it("after the 2026-10-04 spring forward the windows follow local time (+11:00)", () => {
    // Mon 5 Oct is period 7 (d2): 09:00 +11:00 = 22:00Z, 17:00 = 06:00Z.
    assert.equal(onCallAt(spec, d("2026-10-04T21:59:59.999Z")), "night");
    assert.equal(onCallAt(spec, d("2026-10-04T22:00Z")), "d2");
    assert.equal(onCallAt(spec, d("2026-10-05T05:59:59.999Z")), "d2");
    assert.equal(onCallAt(spec, d("2026-10-05T06:00Z")), "night");
  });

  it("a schedule whose layers have not started has no one on call", () => {
    assert.equal(onCallAt(spec, d("2026-09-27T13:29Z")), null);
    assert.deepEqual(shifts(spec, "2026-09-01T00:00Z", "2026-09-27T13:30Z"), []);
  });
});

describe("overlay", () => {
  it("lets the top show where it has segments and the base elsewhere", () => {
    const base = [
      { user: "a", start: 0, end: 10 },
      { user: "b", start: 10, end: 20 },
    ];
    const top = [
      { user: "x", start: 5, end: 12 },
      { user: "y", start: 15, end: 16 },
    ];
    assert.deepEqual(overlay(base, top), [
      { user: "a", start: 0, end: 5 },
      { user: "x", start: 5, end: 12 },
      { user: "b", start: 12, end: 15 },
      { user: "y", start: 15, end: 16 },
      { user: "b", start: 16, end: 20 },
    ]);
  });
});
