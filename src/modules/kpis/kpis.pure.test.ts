import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { localTime } from "./oncall-load.ts";
import { csvField, humanDuration } from "./report-text.ts";
import { nextRun, reportedMonth } from "./schedule.next.ts";
import { countGroups, durationGroups, mean, median, recordIdCap } from "./stats.ts";

describe("KPI statistics", () => {
  it("mean and median, the median of an even count being the mean of the middle two", () => {
    assert.equal(mean([60, 180, 600]), 280);
    assert.equal(median([600, 60, 180]), 180);
    assert.equal(median([60, 180, 300, 600]), 240);
    assert.equal(mean([]), null, "nothing measured is null, not 0");
    assert.equal(median([]), null);
    assert.equal(mean([1, 2]), 1.5);
    assert.equal(mean([1, 1, 2]), 1.333, "rounded to milliseconds");
  });

  it("caps record ids and says so", () => {
    const items = Array.from({ length: recordIdCap + 5 }, (_, i) => ({ key: "k", id: `i${i}`, seconds: i }));
    const [g] = durationGroups(items);
    assert.equal(g?.n, recordIdCap + 5, "n counts every record");
    assert.equal(g?.recordIds.length, recordIdCap);
    assert.equal(g?.recordIdsTruncated, true);
    const counts = countGroups(
      [
        { key: "b", id: "1" },
        { key: "a", id: "2" },
        { key: "b", id: "3" },
      ],
      "count",
    );
    assert.deepEqual(
      counts.map((c) => [c.key, c.n, c.recordIdsTruncated]),
      [
        ["b", 2, false],
        ["a", 1, false],
      ],
    );
  });

  it("CSV fields: quoted when needed, formulas defused, numbers untouched", () => {
    assert.equal(csvField('Disk "full", again'), '"Disk ""full"", again"');
    assert.equal(csvField('=HYPERLINK("http://x")'), '"\'=HYPERLINK(""http://x"")"');
    assert.equal(csvField("-rm"), "'-rm");
    assert.equal(csvField(-1.5), "-1.5");
    assert.equal(csvField(null), "");
  });

  it("durations for people: nothing is a dash", () => {
    assert.equal(humanDuration(null), "—");
    assert.equal(humanDuration(45), "45s");
    assert.equal(humanDuration(5400), "1h 30m");
    assert.equal(humanDuration(90_000), "1d 1h");
  });
});

describe("time zones", () => {
  it("reads wall-clock time in the person's zone, on both sides of a DST change", () => {
    assert.deepEqual(localTime("2026-10-30T13:30:00.000Z", "America/New_York"), {
      weekday: 5,
      minute: 9 * 60 + 30,
    });
    assert.deepEqual(localTime("2026-11-02T13:30:00.000Z", "America/New_York"), {
      weekday: 1,
      minute: 8 * 60 + 30,
    });
    assert.deepEqual(localTime("2026-11-02T13:30:00.000Z", "Not/AZone"), {
      weekday: 1,
      minute: 13 * 60 + 30,
    });
  });

  it("plans deliveries on day N at HH:MM in the schedule's zone, and reports the month before", () => {
    const s = { dayOfMonth: 1, time: "08:00", timeZone: "Europe/Berlin" };
    assert.equal(nextRun(s, new Date("2026-10-15T12:00:00Z")).toISOString(), "2026-11-01T07:00:00.000Z");
    assert.equal(nextRun(s, new Date("2026-11-01T07:00:00Z")).toISOString(), "2026-12-01T07:00:00.000Z");
    assert.equal(
      nextRun(s, new Date("2026-03-20T00:00:00Z")).toISOString(),
      "2026-04-01T06:00:00.000Z",
      "CEST",
    );
    // 02:30 does not exist in Berlin on 2027-03-28: the delivery moves forward to 03:30 CEST.
    const skipped = { dayOfMonth: 28, time: "02:30", timeZone: "Europe/Berlin" };
    assert.equal(
      nextRun(skipped, new Date("2027-03-01T00:00:00Z")).toISOString(),
      "2027-03-28T01:30:00.000Z",
    );
    assert.equal(reportedMonth(new Date("2026-11-01T07:00:00Z"), "Europe/Berlin"), "2026-10");
    assert.equal(reportedMonth(new Date("2027-01-01T00:30:00Z"), "Europe/Berlin"), "2026-12");
    assert.equal(
      reportedMonth(new Date("2026-12-31T23:30:00Z"), "Europe/Berlin"),
      "2026-12",
      "already January 1st in Berlin",
    );
  });
});
