import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { isoDuration, parseDuration } from "./durations.ts";

describe("durations", () => {
  it("reads ISO-8601 and short forms into seconds and one canonical form", () => {
    const cases: [string, number, string][] = [
      ["PT4H", 14_400, "PT4H"],
      ["4h", 14_400, "PT4H"],
      ["30m", 1800, "PT30M"],
      ["1d", 86_400, "P1D"],
      ["P1W", 604_800, "P7D"],
      ["1h30m", 5400, "PT1H30M"],
      ["P1DT2H", 93_600, "P1DT2H"],
      ["PT0S", 0, "PT0S"],
      ["pt15m", 900, "PT15M"],
    ];
    for (const [text, seconds, iso] of cases)
      assert.deepEqual(parseDuration(text), { ok: true, seconds, iso }, text);
  });

  it("refuses months, years, fractions and garbage with a message", () => {
    for (const bad of ["P1M", "P1Y", "PT", "P", "4 hours", "30x", "", "PT1.5S", "m30", 3600]) {
      const r = parseDuration(bad);
      assert.equal(r.ok, false, String(bad));
      if (!r.ok) assert.ok(r.message.length > 10);
    }
    const months = parseDuration("P1M");
    assert.ok(!months.ok && months.message.includes("no fixed length"));
  });

  it("round-trips: the canonical form of any duration parses back to the same seconds", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 * 365 * 86_400 }), (s) => {
        const r = parseDuration(isoDuration(s));
        return r.ok && r.seconds === s && r.iso === isoDuration(s);
      }),
    );
  });

  it("never throws on arbitrary text", () => {
    fc.assert(fc.property(fc.string(), (s) => typeof parseDuration(s).ok === "boolean"));
  });
});
