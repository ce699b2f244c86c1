import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import ICAL from "ical.js";
import { foldLine, type ICalShift, isControl, renderICalendar } from "./ical.ts";
import { computeShifts } from "./schedule.ts";

// The feed is checked with ical.js (Mozilla's RFC 5545 parser, used by Thunderbird), and the wire rules
// it tolerates (CRLF, 75-octet lines) are checked directly.

const now = new Date("2026-11-04T10:11:12.345Z");
const prodId = "-//opsdeck//opsdeck 0.1.0//EN";

function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const events = calendar.getAllSubcomponents("vevent").map((v) => {
    const event = new ICAL.Event(v);
    return {
      uid: event.uid,
      summary: event.summary,
      start: event.startDate.toJSDate().toISOString(),
      end: event.endDate.toJSDate().toISOString(),
      startIsUtc: event.startDate.zone?.tzid === "UTC",
      stamp: String(v.getFirstPropertyValue("dtstamp")),
      transp: v.getFirstPropertyValue("transp"),
    };
  });
  return { calendar, events };
}

/** ical.js keeps the raw value of properties it has no type for (NAME, X-WR-CALNAME): decode them as TEXT. */
function textProperty(calendar: InstanceType<typeof ICAL.Component>, name: string): string {
  return ICAL.design.icalendar.value.text.fromICAL(String(calendar.getFirstPropertyValue(name) ?? ""));
}

/** RFC 5545 3.1: lines end in CRLF and hold at most 75 octets; no bare CR or LF anywhere. */
function assertWireFormat(text: string): void {
  assert.ok(text.endsWith("\r\n"), "ends with CRLF");
  const lines = text.slice(0, -2).split("\r\n");
  for (const line of lines) {
    assert.ok(!/[\r\n]/.test(line), `bare CR or LF in ${JSON.stringify(line)}`);
    assert.ok(Buffer.byteLength(line, "utf8") <= 75, `longer than 75 octets: ${JSON.stringify(line)}`);
    // Folding works on the JS string, so splitting a character would leave half a surrogate pair, which
    // goes on the wire as U+FFFD. (Checking for U+FFFD itself is wrong: it is a character users may type.)
    assert.ok(line.isWellFormed(), `folding split a character: ${JSON.stringify(line)}`);
  }
}

const example = {
  timeZone: "America/New_York",
  layers: [
    { name: "weekly", start: "2026-10-26T09:00", rotation: { every: "1w" }, participants: ["alice", "bob"] },
    {
      name: "nights",
      start: "2026-10-31T02:30",
      rotation: { every: "1d" },
      participants: ["dave", "erin"],
      restrictions: [{ days: ["sat", "sun"] as ("sat" | "sun")[], from: "00:00", to: "06:00" }],
    },
  ],
};

describe("renderICalendar", () => {
  it("gives a real parser one event per shift, with the shift's instants in UTC", () => {
    const shifts = computeShifts(example, new Date("2026-10-25T00:00Z"), new Date("2026-11-10T00:00Z"));
    const text = renderICalendar({ name: "platform-primary", shifts, prodId, now });
    assertWireFormat(text);
    const { calendar, events } = parse(text);
    assert.equal(calendar.getFirstPropertyValue("version"), "2.0");
    assert.equal(calendar.getFirstPropertyValue("prodid"), prodId);
    assert.equal(textProperty(calendar, "x-wr-calname"), "platform-primary");
    assert.deepEqual(
      events.map((e) => ({ summary: e.summary, start: e.start, end: e.end })),
      shifts.map((s) => ({
        summary: `On call: ${s.user}`,
        start: s.start.toISOString(),
        end: s.end.toISOString(),
      })),
    );
    for (const e of events) {
      assert.ok(e.startIsUtc);
      assert.equal(e.stamp, "2026-11-04T10:11:12Z");
      assert.equal(e.transp, "TRANSPARENT");
    }
    assert.equal(new Set(events.map((e) => e.uid)).size, events.length, "UIDs are unique");
    assert.match(text, /\r\nDTSTART:20261026T130000Z\r\nDTEND:20261031T063000Z\r\n/);
  });

  it("keeps UIDs stable across fetches, and apart across schedules in a per-user feed", () => {
    const shift: ICalShift = {
      user: "alice",
      start: new Date("2026-11-02T14:00Z"),
      end: new Date("2026-11-09T14:00Z"),
    };
    const uid = (input: Parameters<typeof renderICalendar>[0]) =>
      parse(renderICalendar(input)).events[0]?.uid;
    const first = uid({ name: "platform-primary", shifts: [shift], prodId, now });
    assert.equal(
      first,
      uid({ name: "platform-primary", shifts: [shift], prodId, now: new Date("2027-01-01Z") }),
    );
    // The end is not part of the identity: a shift that an override or a wider window extends stays the same event.
    assert.equal(
      first,
      uid({ name: "platform-primary", shifts: [{ ...shift, end: new Date("2026-11-10Z") }], prodId, now }),
    );
    assert.match(first ?? "", /^[0-9a-f]{32}@opsdeck$/);
    const a = uid({ name: "alice", shifts: [{ ...shift, schedule: "platform-primary" }], prodId, now });
    const b = uid({ name: "alice", shifts: [{ ...shift, schedule: "db-primary" }], prodId, now });
    assert.notEqual(a, b);
    assert.equal(a, first, "a schedule's shift has the same UID in its schedule feed and its user's feed");
  });

  it("escapes text and folds long lines without splitting characters", () => {
    const name = "Équipe plateforme, nuit; C:\\ops\nweek 🚀 ".repeat(4);
    const text = renderICalendar({
      name,
      shifts: [
        {
          user: "bob",
          start: new Date("2026-03-08T07:30Z"),
          end: new Date("2026-03-09T06:30Z"),
          summary: name,
        },
      ],
      prodId,
      now,
    });
    assertWireFormat(text);
    assert.ok(text.includes("\\, nuit\\; C:\\\\ops\\nweek"), "escaped");
    const { calendar, events } = parse(text);
    assert.equal(textProperty(calendar, "x-wr-calname"), name);
    assert.equal(textProperty(calendar, "name"), name);
    assert.equal(events[0]?.summary, name);
  });

  it("renders an empty calendar when there are no shifts", () => {
    const text = renderICalendar({ name: "empty", shifts: [], prodId, now });
    assertWireFormat(text);
    assert.deepEqual(parse(text).events, []);
  });

  it("round-trips any text and any shifts through a real parser", () => {
    const text = fc.oneof(
      fc.string({ unit: "grapheme", maxLength: 120 }),
      fc
        .array(fc.constantFrom("a", "é", "🚀", ",", ";", "\\", "\n", "\r\n", "\t", ":", '"', "\u0007"), {
          maxLength: 200,
        })
        .map((parts) => parts.join("")),
    );
    // What survives TEXT: line breaks become \n, tabs stay, other control characters are dropped.
    const expected = (s: string) =>
      s
        .replace(/\r\n|\r/g, "\n")
        .split("")
        .filter((ch) => ch === "\n" || !isControl(ch))
        .join("");
    const instant = fc.integer({
      min: Date.parse("2020-01-01Z") / 60_000,
      max: Date.parse("2035-01-01Z") / 60_000,
    });
    fc.assert(
      fc.property(
        text,
        fc.array(fc.tuple(instant, fc.integer({ min: 1, max: 20_000 }), text), { maxLength: 5 }),
        (name, raw) => {
          const shifts = raw.map(([start, minutes, summary]) => ({
            user: "u",
            start: new Date(start * 60_000),
            end: new Date((start + minutes) * 60_000),
            summary,
          }));
          const rendered = renderICalendar({ name, shifts, prodId, now });
          assertWireFormat(rendered);
          const { calendar, events } = parse(rendered);
          assert.equal(textProperty(calendar, "x-wr-calname"), expected(name));
          assert.deepEqual(
            events.map((e) => [e.start, e.end, e.summary ?? ""]),
            shifts.map((s) => [s.start.toISOString(), s.end.toISOString(), expected(s.summary)]),
          );
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("foldLine", () => {
  it("leaves short lines alone and makes 75-octet pieces of long ones", () => {
    assert.equal(foldLine("SUMMARY:short"), "SUMMARY:short");
    const folded = foldLine(`SUMMARY:${"x".repeat(200)}`).split("\r\n");
    assert.deepEqual(
      folded.map((l) => l.length),
      [75, 75, 60],
    );
    assert.ok(folded.slice(1).every((l) => l.startsWith(" ")));
  });
  it("never cuts a multi-byte character", () => {
    const folded = foldLine(`SUMMARY:${"€".repeat(40)}`).split("\r\n");
    // "SUMMARY:" is 8 octets and € is 3: 22 fit the first line (74 octets), the other 18 the next (1 + 54).
    assert.deepEqual(
      folded.map((l) => Buffer.byteLength(l)),
      [74, 55],
    );
  });
});
