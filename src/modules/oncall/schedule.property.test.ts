import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { Temporal } from "temporal-polyfill";
import { type ScheduleRestriction, scheduleSpec, WEEKDAYS } from "./schedule.schema.ts";
import { computeShifts, onCallAt, type ScheduleInput } from "./schedule.ts";

// Random schedules around the 2026 DST changes of the three zones, checked against invariants and against
// a brute-force oracle that answers "who is on call at t" straight from the written rules, without the
// engine's span arithmetic (overlay, clipping, merging, period estimates).

// Each zone with its own 2026 DST changes, so the random windows straddle them.
const TRANSITIONS: [string, number][] = [
  ["America/New_York", Date.parse("2026-03-08T07:00Z")],
  ["America/New_York", Date.parse("2026-11-01T06:00Z")],
  ["Europe/Berlin", Date.parse("2026-03-29T01:00Z")],
  ["Europe/Berlin", Date.parse("2026-10-25T01:00Z")],
  ["Australia/Lord_Howe", Date.parse("2026-04-04T15:00Z")],
  ["Australia/Lord_Howe", Date.parse("2026-10-03T15:30Z")],
];
const DAY = 86_400_000;
const HOUR = 3_600_000;

const pad = (n: number) => String(n).padStart(2, "0");
// Half the hours fall in 01:00-02:59, where the three zones' gaps and repeated hours are.
const hhmm = fc
  .tuple(fc.oneof(fc.integer({ min: 0, max: 23 }), fc.constantFrom(1, 2)), fc.constantFrom(0, 15, 30, 45))
  .map(([h, m]) => `${pad(h)}:${pad(m)}`);

const restriction: fc.Arbitrary<ScheduleRestriction> = fc.record({
  days: fc.subarray([...WEEKDAYS], { minLength: 1 }),
  from: hhmm,
  to: fc.oneof(hhmm, fc.constant("24:00")),
});

const scenario = fc
  .record({
    transition: fc.constantFrom(...TRANSITIONS),
    fromOffsetH: fc.integer({ min: -72, max: 24 }),
    lengthH: fc.oneof(fc.integer({ min: 1, max: 96 }), fc.integer({ min: 1, max: 14 * 24 })),
    layers: fc.array(
      fc.record({
        startOffsetD: fc.integer({ min: -15, max: 5 }),
        time: hhmm,
        every: fc.constantFrom("30m", "1h", "5h", "12h", "1d", "2d", "1w"),
        participants: fc.array(fc.constantFrom("a", "b", "c", "d"), { minLength: 1, maxLength: 4 }),
        restrictions: fc.option(fc.array(restriction, { minLength: 1, maxLength: 2 }), { nil: undefined }),
      }),
      { minLength: 1, maxLength: 3 },
    ),
    overrides: fc.array(
      fc.record({
        user: fc.constantFrom("o", "p", "a"),
        offsetH: fc.integer({ min: -96, max: 96 }),
        lengthM: fc.integer({ min: 15, max: 48 * 60 }),
      }),
      { maxLength: 3 },
    ),
    samples: fc.array(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), {
      minLength: 5,
      maxLength: 15,
    }),
  })
  .map((s) => {
    const [zone, anchor] = s.transition;
    const from = anchor + s.fromOffsetH * HOUR;
    const to = from + s.lengthH * HOUR;
    const anchorDate = Temporal.Instant.fromEpochMilliseconds(anchor).toZonedDateTimeISO(zone).toPlainDate();
    const spec: ScheduleInput = scheduleSpec.parse({
      timeZone: zone,
      layers: s.layers.map((l, i) => ({
        name: `l${i}`,
        start: `${anchorDate.add({ days: l.startOffsetD }).toString()}T${l.time}`,
        rotation: { every: l.every },
        participants: l.participants,
        ...(l.restrictions ? { restrictions: l.restrictions } : {}),
      })),
      overrides: s.overrides.map((o) => ({
        user: o.user,
        start: new Date(anchor + o.offsetH * HOUR).toISOString(),
        end: new Date(anchor + o.offsetH * HOUR + o.lengthM * 60_000).toISOString(),
      })),
    });
    return { spec, from, to, anchor, samples: s.samples.map((x) => from + Math.floor(x * (to - from))) };
  });

const resolve = (local: Temporal.PlainDateTime, zone: string) =>
  local.toZonedDateTime(zone, { disambiguation: "compatible" }).epochMilliseconds;

function oracle(spec: ScheduleInput, t: number): string | null {
  for (const o of [...(spec.overrides ?? [])].reverse()) {
    if (Date.parse(o.start) <= t && t < Date.parse(o.end)) return o.user;
  }
  for (const layer of [...spec.layers].reverse()) {
    const start = Temporal.PlainDateTime.from(layer.start);
    const n = Number(layer.rotation.every.slice(0, -1));
    const unit = layer.rotation.every.slice(-1);
    const start0 = resolve(start, spec.timeZone);
    const periodStart = (k: number) =>
      unit === "w"
        ? resolve(start.add({ weeks: k * n }), spec.timeZone)
        : unit === "d"
          ? resolve(start.add({ days: k * n }), spec.timeZone)
          : start0 + k * n * (unit === "h" ? HOUR : 60_000);
    if (t < periodStart(0)) continue;
    let k = 0;
    while (periodStart(k + 1) <= t) k++;
    if (layer.restrictions && !inWindow(layer.restrictions, spec.timeZone, t)) continue;
    return layer.participants[k % layer.participants.length] ?? null;
  }
  return null;
}

function inWindow(restrictions: readonly ScheduleRestriction[], zone: string, t: number): boolean {
  const today = Temporal.Instant.fromEpochMilliseconds(t).toZonedDateTimeISO(zone).toPlainDate();
  for (let back = 0; back <= 2; back++) {
    const day = today.subtract({ days: back });
    for (const r of restrictions) {
      if (!r.days.includes(WEEKDAYS[day.dayOfWeek - 1] ?? "mon")) continue;
      const open = day.toPlainDateTime(Temporal.PlainTime.from(r.from));
      const close =
        r.to === "24:00"
          ? day.add({ days: 1 }).toPlainDateTime()
          : r.to <= r.from
            ? day.add({ days: 1 }).toPlainDateTime(Temporal.PlainTime.from(r.to))
            : day.toPlainDateTime(Temporal.PlainTime.from(r.to));
      if (resolve(open, zone) <= t && t < resolve(close, zone)) return true;
    }
  }
  return false;
}

describe("computeShifts properties", () => {
  it("shifts are non-empty, sorted, disjoint, merged and inside [from, to)", () => {
    fc.assert(
      fc.property(scenario, ({ spec, from, to }) => {
        const shifts = computeShifts(spec, new Date(from), new Date(to));
        shifts.forEach((s, i) => {
          assert.ok(s.start.getTime() < s.end.getTime(), "non-empty");
          assert.ok(s.start.getTime() >= from && s.end.getTime() <= to, "inside the window");
          const prev = shifts[i - 1];
          if (prev) {
            assert.ok(prev.end.getTime() <= s.start.getTime(), "sorted and disjoint");
            assert.ok(prev.user !== s.user || prev.end.getTime() < s.start.getTime(), "merged");
          }
        });
      }),
      { numRuns: 150 },
    );
  });

  it("onCallAt(t) is the user of the shift containing t, and what the rules say by brute force", () => {
    fc.assert(
      fc.property(scenario, ({ spec, from, to, anchor, samples }) => {
        const shifts = computeShifts(spec, new Date(from), new Date(to));
        // Random instants, plus shift boundaries and the millisecond before them: where off-by-ones live.
        // A 30m rotation has hundreds of shifts, so those near the DST change and an evenly spread
        // subset of the others are probed.
        const step = Math.max(1, Math.ceil(shifts.length / 20));
        const nearDst = (t: number) => Math.abs(t - anchor) < 36 * HOUR;
        const edges = shifts.filter((sh, i) => i % step === 0 || nearDst(sh.start.getTime()));
        const probes = [...samples, ...edges.flatMap((s) => [s.start.getTime(), s.end.getTime() - 1])];
        for (const t of probes) {
          if (t < from || t >= to) continue;
          const containing = shifts.find((s) => s.start.getTime() <= t && t < s.end.getTime());
          const at = onCallAt(spec, new Date(t));
          assert.equal(at, containing?.user ?? null, `shift at ${new Date(t).toISOString()}`);
          assert.equal(at, oracle(spec, t), `oracle at ${new Date(t).toISOString()}`);
        }
      }),
      { numRuns: 150 },
    );
  });

  it("a sub-window gives the full window's shifts clipped to it", () => {
    fc.assert(
      fc.property(
        scenario,
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (s, x, y) => {
          const a = s.from + Math.floor(Math.min(x, y) * (s.to - s.from));
          const b = s.from + Math.floor(Math.max(x, y) * (s.to - s.from));
          const clipped = computeShifts(s.spec, new Date(s.from), new Date(s.to))
            .map((sh) => ({
              user: sh.user,
              start: new Date(Math.max(sh.start.getTime(), a)),
              end: new Date(Math.min(sh.end.getTime(), b)),
            }))
            .filter((sh) => sh.start < sh.end);
          assert.deepEqual(computeShifts(s.spec, new Date(a), new Date(b)), clipped);
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe("cost", () => {
  it("a year of a 1h rotation is 8,760 periods, walked period by period", () => {
    const spec: ScheduleInput = {
      timeZone: "Australia/Lord_Howe",
      layers: [
        { name: "h", start: "2026-01-01T00:00", rotation: { every: "1h" }, participants: ["a", "b", "c"] },
      ],
    };
    const from = new Date("2026-01-01T00:00:00Z");
    const shifts = computeShifts(spec, from, new Date(from.getTime() + 365 * DAY));
    assert.equal(shifts.length, 8760);
  });
});
