import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Temporal } from "temporal-polyfill";
import {
  makeRotation,
  parseEvery,
  periodIndexAt,
  periodStart,
  resolveLocal,
  rotationSegments,
} from "./rotation.ts";

// Every expected instant below was worked out by hand from the zone's 2026 rules, not by the code under test:
// New York  EST -05:00 / EDT -04:00, 2026-03-08 02:00 -> 03:00, 2026-11-01 02:00 -> 01:00
// Berlin    CET +01:00 / CEST +02:00, 2026-03-29 02:00 -> 03:00, 2026-10-25 03:00 -> 02:00
// Lord Howe +10:30 / +11:00,          2026-04-05 02:00 -> 01:30, 2026-10-04 02:00 -> 02:30

const ms = (iso: string) => Date.parse(iso);

/** The rotation's segments over [from, to) as "user start end" strings, easy to compare and to read. */
function handoffs(
  timeZone: string,
  start: string,
  every: string,
  participants: string[],
  from: string,
  to: string,
): string[] {
  const rot = makeRotation({ start, rotation: { every } }, timeZone);
  return rotationSegments(rot, participants, ms(from), ms(to)).map(
    (s) => `${s.user} ${new Date(s.start).toISOString()} ${new Date(s.end).toISOString()}`,
  );
}

describe("parseEvery", () => {
  it("reads amount and unit", () => {
    assert.deepEqual(parseEvery("1w"), { amount: 1, unit: "w" });
    assert.deepEqual(parseEvery("12h"), { amount: 12, unit: "h" });
    assert.deepEqual(parseEvery("30m"), { amount: 30, unit: "m" });
  });
  it("refuses what the schema refuses", () => {
    assert.throws(() => parseEvery("0d"), RangeError);
    assert.throws(() => parseEvery("1y"), RangeError);
  });
});

describe("resolveLocal", () => {
  const resolve = (local: string, tz: string) =>
    new Date(resolveLocal(Temporal.PlainDateTime.from(local), tz)).toISOString();
  it("moves a nonexistent local time forward by the gap", () => {
    assert.equal(resolve("2026-03-08T02:30", "America/New_York"), "2026-03-08T07:30:00.000Z"); // 03:30 EDT
    assert.equal(resolve("2026-03-29T02:30", "Europe/Berlin"), "2026-03-29T01:30:00.000Z"); // 03:30 CEST
    assert.equal(resolve("2026-10-04T02:15", "Australia/Lord_Howe"), "2026-10-03T15:45:00.000Z"); // 02:45 +11
  });
  it("takes the earlier instant of an ambiguous local time", () => {
    assert.equal(resolve("2026-11-01T01:30", "America/New_York"), "2026-11-01T05:30:00.000Z"); // EDT
    assert.equal(resolve("2026-10-25T02:30", "Europe/Berlin"), "2026-10-25T00:30:00.000Z"); // CEST
    assert.equal(resolve("2026-04-05T01:45", "Australia/Lord_Howe"), "2026-04-04T14:45:00.000Z"); // +11
  });
});

describe("America/New_York", () => {
  it("weekly Monday 09:00 keeps local time across spring forward (a 167 h week)", () => {
    assert.deepEqual(
      handoffs(
        "America/New_York",
        "2026-03-02T09:00",
        "1w",
        ["a", "b"],
        "2026-03-01T00:00Z",
        "2026-03-17T00:00Z",
      ),
      [
        "a 2026-03-02T14:00:00.000Z 2026-03-09T13:00:00.000Z",
        "b 2026-03-09T13:00:00.000Z 2026-03-16T13:00:00.000Z",
        "a 2026-03-16T13:00:00.000Z 2026-03-17T00:00:00.000Z",
      ],
    );
  });
  it("daily 02:30: the nonexistent 2026-03-08 02:30 hands off at 03:30 EDT, then back to 02:30", () => {
    assert.deepEqual(
      handoffs(
        "America/New_York",
        "2026-03-06T02:30",
        "1d",
        ["a", "b"],
        "2026-03-06T00:00Z",
        "2026-03-10T00:00Z",
      ),
      [
        "a 2026-03-06T07:30:00.000Z 2026-03-07T07:30:00.000Z",
        "b 2026-03-07T07:30:00.000Z 2026-03-08T07:30:00.000Z",
        "a 2026-03-08T07:30:00.000Z 2026-03-09T06:30:00.000Z",
        "b 2026-03-09T06:30:00.000Z 2026-03-10T00:00:00.000Z",
      ],
    );
  });
  it("daily 01:30: the ambiguous 2026-11-01 01:30 hands off at the first one (EDT), a 25 h day", () => {
    assert.deepEqual(
      handoffs(
        "America/New_York",
        "2026-10-30T01:30",
        "1d",
        ["a", "b"],
        "2026-10-30T00:00Z",
        "2026-11-03T00:00Z",
      ),
      [
        "a 2026-10-30T05:30:00.000Z 2026-10-31T05:30:00.000Z",
        "b 2026-10-31T05:30:00.000Z 2026-11-01T05:30:00.000Z",
        "a 2026-11-01T05:30:00.000Z 2026-11-02T06:30:00.000Z",
        "b 2026-11-02T06:30:00.000Z 2026-11-03T00:00:00.000Z",
      ],
    );
  });
});

describe("Europe/Berlin", () => {
  it("weekly Sunday 02:15: the nonexistent 2026-03-29 02:15 hands off at 03:15 CEST", () => {
    assert.deepEqual(
      handoffs(
        "Europe/Berlin",
        "2026-03-22T02:15",
        "1w",
        ["x", "y"],
        "2026-03-20T00:00Z",
        "2026-04-06T00:00Z",
      ),
      [
        "x 2026-03-22T01:15:00.000Z 2026-03-29T01:15:00.000Z",
        "y 2026-03-29T01:15:00.000Z 2026-04-05T00:15:00.000Z",
        "x 2026-04-05T00:15:00.000Z 2026-04-06T00:00:00.000Z",
      ],
    );
  });
  it("daily 02:30: the ambiguous 2026-10-25 02:30 hands off at the CEST one", () => {
    assert.deepEqual(
      handoffs(
        "Europe/Berlin",
        "2026-10-24T02:30",
        "1d",
        ["p", "q"],
        "2026-10-24T00:00Z",
        "2026-10-27T00:00Z",
      ),
      [
        "p 2026-10-24T00:30:00.000Z 2026-10-25T00:30:00.000Z",
        "q 2026-10-25T00:30:00.000Z 2026-10-26T01:30:00.000Z",
        "p 2026-10-26T01:30:00.000Z 2026-10-27T00:00:00.000Z",
      ],
    );
  });
  it("hourly is elapsed time: local 02:00 hands off twice on the fall-back night", () => {
    assert.deepEqual(
      handoffs(
        "Europe/Berlin",
        "2026-10-25T01:00",
        "1h",
        ["p", "q", "r"],
        "2026-10-24T00:00Z",
        "2026-10-25T03:00Z",
      ),
      [
        "p 2026-10-24T23:00:00.000Z 2026-10-25T00:00:00.000Z", // 01:00 CEST
        "q 2026-10-25T00:00:00.000Z 2026-10-25T01:00:00.000Z", // 02:00 CEST
        "r 2026-10-25T01:00:00.000Z 2026-10-25T02:00:00.000Z", // 02:00 CET
        "p 2026-10-25T02:00:00.000Z 2026-10-25T03:00:00.000Z", // 03:00 CET
      ],
    );
  });
  it("a 12h rotation starting in the gap begins at the moved-forward instant", () => {
    assert.deepEqual(
      handoffs(
        "Europe/Berlin",
        "2026-03-29T02:30",
        "12h",
        ["a", "b"],
        "2026-03-29T00:00Z",
        "2026-03-30T00:00Z",
      ),
      [
        "a 2026-03-29T01:30:00.000Z 2026-03-29T13:30:00.000Z",
        "b 2026-03-29T13:30:00.000Z 2026-03-30T00:00:00.000Z",
      ],
    );
  });
});

describe("Australia/Lord_Howe (30-minute DST)", () => {
  it("daily 02:15: the nonexistent 2026-10-04 02:15 hands off at 02:45 +11:00, a 23.5 h day", () => {
    assert.deepEqual(
      handoffs(
        "Australia/Lord_Howe",
        "2026-10-03T02:15",
        "1d",
        ["a", "b"],
        "2026-10-02T00:00Z",
        "2026-10-05T00:00Z",
      ),
      [
        "a 2026-10-02T15:45:00.000Z 2026-10-03T15:45:00.000Z",
        "b 2026-10-03T15:45:00.000Z 2026-10-04T15:15:00.000Z",
        "a 2026-10-04T15:15:00.000Z 2026-10-05T00:00:00.000Z",
      ],
    );
  });
  it("daily 01:45: the ambiguous 2026-04-05 01:45 hands off at the +11:00 one, a 24.5 h day", () => {
    assert.deepEqual(
      handoffs(
        "Australia/Lord_Howe",
        "2026-04-04T01:45",
        "1d",
        ["a", "b"],
        "2026-04-03T00:00Z",
        "2026-04-06T00:00Z",
      ),
      [
        "a 2026-04-03T14:45:00.000Z 2026-04-04T14:45:00.000Z",
        "b 2026-04-04T14:45:00.000Z 2026-04-05T15:15:00.000Z",
        "a 2026-04-05T15:15:00.000Z 2026-04-06T00:00:00.000Z",
      ],
    );
  });
});

describe("periods", () => {
  const rot = makeRotation({ start: "2026-03-02T09:00", rotation: { every: "1w" } }, "America/New_York");
  it("before the start there is no period", () => {
    assert.equal(periodIndexAt(rot, ms("2026-03-02T13:59:59.999Z")), -1);
    assert.deepEqual(rotationSegments(rot, ["a"], ms("2026-01-01T00:00Z"), ms("2026-03-02T14:00Z")), []);
  });
  it("a period holds its start and not its end", () => {
    assert.equal(periodIndexAt(rot, ms("2026-03-02T14:00Z")), 0);
    assert.equal(periodIndexAt(rot, ms("2026-03-09T12:59:59.999Z")), 0);
    assert.equal(periodIndexAt(rot, ms("2026-03-09T13:00Z")), 1);
  });
  it("finds far periods directly, from the layer start each time", () => {
    // 52 weeks on: back in EST (the 2027-03-01 Monday), 09:00 local = 14:00Z.
    assert.equal(new Date(periodStart(rot, 52)).toISOString(), "2027-03-01T14:00:00.000Z");
    assert.equal(periodIndexAt(rot, ms("2027-03-01T14:00Z")), 52);
    assert.equal(periodIndexAt(rot, ms("2027-03-01T13:59Z")), 51);
  });
  it("steps over a period that the zone skipped (Samoa went from -10:00 to +14:00, losing 2011-12-30)", () => {
    // Dec 30 09:00 does not exist: moved forward by the 24 h gap it is Dec 31 09:00 +14:00, the same
    // instant as period 3, so period 2 (c) has zero length and yields no segment.
    assert.deepEqual(
      handoffs(
        "Pacific/Apia",
        "2011-12-28T09:00",
        "1d",
        ["a", "b", "c"],
        "2011-12-28T00:00Z",
        "2012-01-01T00:00Z",
      ),
      [
        "a 2011-12-28T19:00:00.000Z 2011-12-29T19:00:00.000Z",
        "b 2011-12-29T19:00:00.000Z 2011-12-30T19:00:00.000Z",
        "a 2011-12-30T19:00:00.000Z 2011-12-31T19:00:00.000Z",
        "b 2011-12-31T19:00:00.000Z 2012-01-01T00:00:00.000Z",
      ],
    );
  });
});
