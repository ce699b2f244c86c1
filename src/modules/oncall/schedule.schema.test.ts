import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { scheduleSpec } from "./schedule.schema.ts";

const valid = {
  timeZone: "America/New_York",
  layers: [
    {
      name: "weekly",
      start: "2026-10-26T09:00",
      rotation: { every: "1w" },
      participants: ["alice", "bob", "carol"],
      restrictions: [{ days: ["sat", "sun"], from: "00:00", to: "06:00" }],
    },
  ],
  overrides: [{ user: "frank", start: "2026-11-04T12:00:00Z", end: "2026-11-04T15:30:00Z" }],
};

type Spec = typeof valid;

/** The issues of the valid spec after `patch`, as "path: message"; patch gets the first layer and override. */
function issues(
  patch: (spec: Spec, layer: Spec["layers"][number], override: Spec["overrides"][number]) => unknown,
) {
  const spec = structuredClone(valid);
  const [layer] = spec.layers;
  const [override] = spec.overrides;
  assert.ok(layer && override);
  const result = scheduleSpec.safeParse(patch(spec, layer, override) ?? spec);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
}

describe("scheduleSpec", () => {
  it("accepts the issue's example and returns it unchanged", () => {
    assert.deepEqual(scheduleSpec.parse(valid), valid);
  });

  it("defaults overrides to none", () => {
    const { overrides: _, ...rest } = valid;
    assert.deepEqual(scheduleSpec.parse(rest).overrides, []);
  });

  it("accepts every duration unit and the edge times", () => {
    for (const every of ["30m", "12h", "2d", "1w", "52w"]) {
      assert.deepEqual(
        issues((_s, l) => {
          l.rotation.every = every;
        }),
        [],
        every,
      );
    }
    assert.deepEqual(
      issues((_s, l) => {
        l.restrictions = [{ days: ["mon"], from: "23:59", to: "24:00" }];
      }),
      [],
    );
  });

  it("requires an IANA time zone", () => {
    for (const timeZone of ["Mars/Olympus", "+01:00", ""]) {
      assert.deepEqual(
        issues((s) => {
          s.timeZone = timeZone;
        }),
        ["timeZone: must be an IANA time zone such as America/New_York"],
      );
    }
  });

  it("requires start as a real local date-time YYYY-MM-DDTHH:MM", () => {
    const start = (v: string) =>
      issues((_s, l) => {
        l.start = v;
      });
    assert.match(
      start("2026-10-26T09:00:00")[0] ?? "",
      /^layers\.0\.start: must be a local wall time "YYYY-MM-DDTHH:MM"/,
    );
    assert.match(start("2026-10-26T09:00Z")[0] ?? "", /YYYY-MM-DDTHH:MM/);
    assert.deepEqual(start("2026-02-30T09:00"), ["layers.0.start: must be a real calendar date and time"]);
    assert.deepEqual(start("2026-10-26T25:00"), ["layers.0.start: must be a real calendar date and time"]);
  });

  it("requires durations as positive whole numbers of m, h, d or w, at most 366 days", () => {
    for (const every of ["0d", "1y", "1.5h", "-1d", "d", "1 w"]) {
      assert.match(
        issues((_s, l) => {
          l.rotation.every = every;
        })[0] ?? "",
        /^layers\.0\.rotation\.every: must be a positive whole number followed by m, h, d or w/,
        every,
      );
    }
    assert.deepEqual(
      issues((_s, l) => {
        l.rotation.every = "53w";
      }),
      ["layers.0.rotation.every: must be at most 366 days (e.g. 52w)"],
    );
  });

  it("refuses an empty participants list", () => {
    assert.deepEqual(
      issues((_s, l) => {
        l.participants = [];
      }),
      ["layers.0.participants: a layer needs at least one participant"],
    );
  });

  it("checks restriction days and HH:MM times", () => {
    const restriction = (r: object) =>
      issues((_s, l) => {
        l.restrictions = l.restrictions.map((x) => ({ ...x, ...r }));
      });
    assert.deepEqual(restriction({ days: ["sat", "funday"] }), [
      "layers.0.restrictions.0.days.1: must be one of mon, tue, wed, thu, fri, sat, sun",
    ]);
    assert.deepEqual(restriction({ days: [] }), ["layers.0.restrictions.0.days: must name at least one day"]);
    assert.deepEqual(restriction({ from: "24:00" }), [
      'layers.0.restrictions.0.from: must be "HH:MM" between 00:00 and 23:59',
    ]);
    assert.deepEqual(restriction({ to: "9:00" }), [
      'layers.0.restrictions.0.to: must be "HH:MM" between 00:00 and 24:00',
    ]);
    assert.deepEqual(
      issues((s) => {
        (s.layers[0] as { restrictions: unknown[] }).restrictions = [];
      }),
      ["layers.0.restrictions: omit restrictions for a layer that covers all times"],
    );
  });

  it("requires unique layer names, at least one layer, and no unknown fields", () => {
    assert.deepEqual(
      issues((s, l) => {
        s.layers.push(structuredClone(l));
      }),
      ["layers.1.name: layer names must be unique"],
    );
    assert.deepEqual(
      issues((s) => {
        s.layers = [];
      }),
      ["layers: a schedule needs at least one layer"],
    );
    assert.equal(issues((s) => ({ ...s, timezone: "UTC" })).length, 1);
  });

  it("requires overrides to end after they start, as instants with an offset", () => {
    assert.deepEqual(
      issues((_s, _l, o) => {
        o.end = o.start;
      }),
      ["overrides.0.end: must be after start"],
    );
    assert.equal(
      issues((_s, _l, o) => {
        o.start = "2026-11-04T12:00";
      }).length,
      1,
    );
  });
});
