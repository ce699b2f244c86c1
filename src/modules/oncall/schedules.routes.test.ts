import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testEngines } from "../../platform/testing/databases.ts";
import { startTestApp, type TestApp } from "../../platform/testing/test-app.ts";
import { applyOk, call, onCall, problemPaths, scheduleDoc, shiftLines, userDocs } from "./oncall.fixture.ts";

// Schedules applied as manifests and read through the API. The expected instants are the hand-worked ones
// of the engine's tests (schedule.test.ts, rotation.test.ts): the API must add nothing and lose nothing.

const newYork = {
  timeZone: "America/New_York",
  team: "platform",
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
};

const berlin = {
  timeZone: "Europe/Berlin",
  layers: [
    { name: "weekly", start: "2026-03-22T02:15", rotation: { every: "1w" }, participants: ["x", "y"] },
    { name: "autumn", start: "2026-10-24T02:30", rotation: { every: "1d" }, participants: ["p", "q"] },
  ],
};

const lordHowe = {
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
    { user: "o2", start: "2026-10-02T00:00:00Z", end: "2026-10-02T02:00:00Z" },
  ],
};

const people = [
  "alice",
  "bob",
  "carol",
  "dave",
  "erin",
  "frank",
  "x",
  "y",
  "p",
  "q",
  "night",
  "d1",
  "d2",
  "o1",
  "o2",
];

for (const engine of testEngines()) {
  describe(`schedules API on ${engine.name}`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(engine);
      // Users declared in the same apply as the schedules count as existing.
      await applyOk(
        t,
        userDocs(people),
        scheduleDoc("ny", newYork),
        scheduleDoc("berlin", berlin),
        scheduleDoc("lord-howe", lordHowe),
      );
    });
    after(() => t.close());

    it("America/New_York over the fall back: layers, restrictions and the spec's override", async () => {
      assert.deepEqual(await shiftLines(t, "ny", "2026-10-20T00:00:00Z", "2026-11-10T00:00:00Z"), [
        "alice 2026-10-26T13:00Z 2026-10-31T06:30Z",
        "dave 2026-10-31T06:30Z 2026-10-31T10:00Z",
        "alice 2026-10-31T10:00Z 2026-11-01T04:00Z",
        "dave 2026-11-01T04:00Z 2026-11-01T07:30Z",
        "erin 2026-11-01T07:30Z 2026-11-01T11:00Z",
        "alice 2026-11-01T11:00Z 2026-11-02T14:00Z",
        "bob 2026-11-02T14:00Z 2026-11-04T12:00Z",
        "frank 2026-11-04T12:00Z 2026-11-04T15:30Z",
        "bob 2026-11-04T15:30Z 2026-11-07T05:00Z",
        "dave 2026-11-07T05:00Z 2026-11-07T07:30Z",
        "erin 2026-11-07T07:30Z 2026-11-07T11:00Z",
        "bob 2026-11-07T11:00Z 2026-11-08T05:00Z",
        "erin 2026-11-08T05:00Z 2026-11-08T07:30Z",
        "dave 2026-11-08T07:30Z 2026-11-08T11:00Z",
        "bob 2026-11-08T11:00Z 2026-11-09T14:00Z",
        "carol 2026-11-09T14:00Z 2026-11-10T00:00Z",
      ]);
      assert.equal(await onCall(t, "ny", "2026-10-26T12:59:59.999Z"), null);
      assert.equal(await onCall(t, "ny", "2026-11-01T05:30:00Z"), "dave"); // 01:30 EDT
      assert.equal(await onCall(t, "ny", "2026-11-01T01:30:00-05:00"), "dave"); // 01:30 EST: offsets are read
      assert.equal(await onCall(t, "ny", "2026-11-01T07:30:00Z"), "erin");
      assert.equal(await onCall(t, "ny", "2026-11-04T15:29:59.999Z"), "frank");
    });

    it("Europe/Berlin: a handoff in the spring gap and one in the repeated autumn hour", async () => {
      assert.deepEqual(await shiftLines(t, "berlin", "2026-03-20T00:00:00Z", "2026-04-06T00:00:00Z"), [
        "x 2026-03-22T01:15Z 2026-03-29T01:15Z", // 02:15 CET
        "y 2026-03-29T01:15Z 2026-04-05T00:15Z", // the nonexistent 02:15 is 03:15 CEST
        "x 2026-04-05T00:15Z 2026-04-06T00:00Z",
      ]);
      // The daily layer starts on 24 October and wins over the weekly one from then on.
      assert.deepEqual(await shiftLines(t, "berlin", "2026-10-24T00:00:00Z", "2026-10-27T00:00:00Z"), [
        "x 2026-10-24T00:00Z 2026-10-24T00:30Z", // week 30 of the weekly layer
        "p 2026-10-24T00:30Z 2026-10-25T00:30Z",
        "q 2026-10-25T00:30Z 2026-10-26T01:30Z", // the first (CEST) 02:30, a 25 h day
        "p 2026-10-26T01:30Z 2026-10-27T00:00Z",
      ]);
    });

    it("Australia/Lord_Howe: 30-minute DST, restricted layer, later override wins", async () => {
      assert.deepEqual(await shiftLines(t, "lord-howe", "2026-09-30T22:00:00Z", "2026-10-02T12:00:00Z"), [
        "night 2026-09-30T22:00Z 2026-09-30T22:30Z",
        "d2 2026-09-30T22:30Z 2026-10-01T06:30Z",
        "night 2026-10-01T06:30Z 2026-10-01T22:00Z",
        "o1 2026-10-01T22:00Z 2026-10-02T00:00Z",
        "o2 2026-10-02T00:00Z 2026-10-02T02:00Z",
        "o1 2026-10-02T02:00Z 2026-10-02T06:00Z",
        "d1 2026-10-02T06:00Z 2026-10-02T06:30Z",
        "night 2026-10-02T06:30Z 2026-10-02T12:00Z",
      ]);
      assert.equal(await onCall(t, "lord-howe", "2026-10-04T21:59:59.999Z"), "night");
      assert.equal(await onCall(t, "lord-howe", "2026-10-04T22:00:00Z"), "d2"); // 09:00 +11:00
      assert.equal(await onCall(t, "lord-howe", "2026-10-05T06:00:00Z"), "night");
    });

    it("answers shifts in UTC with Z and oncall now by the injected clock", async () => {
      const res = await call(
        t,
        "viewer",
        "GET",
        "/api/v1/schedules/ny/shifts?from=2026-11-02T09:00:00-05:00&to=2026-11-02T15:00:00Z",
      );
      // from 09:00-05:00 is 14:00Z: bob's week starts exactly there.
      assert.deepEqual(res.json(), {
        shifts: [{ user: "bob", start: "2026-11-02T14:00:00.000Z", end: "2026-11-02T15:00:00.000Z" }],
      });
      t.clock.set("2026-11-03T00:00:00Z");
      const now = await call(t, "viewer", "GET", "/api/v1/schedules/ny/oncall");
      assert.deepEqual(now.json(), { user: "bob" });
      const view = await call(t, "viewer", "GET", "/api/v1/schedules/ny");
      assert.equal(view.json().onCallNow, "bob");
      assert.equal(view.json().team, "platform");
    });

    it("refuses a window that is reversed or longer than 400 days, naming `to`", async () => {
      for (const to of ["2026-01-01T00:00:00Z", "2027-02-06T00:00:01Z"]) {
        const res = await call(
          t,
          "viewer",
          "GET",
          `/api/v1/schedules/ny/shifts?from=2026-01-02T00:00:00Z&to=${to}`,
        );
        assert.equal(res.statusCode, 400);
        assert.deepEqual(problemPaths(res.json()), ["to"]);
      }
      const ok = await call(
        t,
        "viewer",
        "GET",
        "/api/v1/schedules/ny/shifts?from=2026-01-02T00:00:00Z&to=2027-02-06T00:00:00Z",
      );
      assert.equal(ok.statusCode, 200);
      const notIso = await call(t, "viewer", "GET", "/api/v1/schedules/ny/oncall?at=yesterday");
      assert.equal(notIso.statusCode, 400);
      assert.deepEqual(problemPaths(notIso.json()), ["querystring.at"]);
      assert.equal((await call(t, "viewer", "GET", "/api/v1/schedules/nope/oncall")).statusCode, 404);
    });

    it("creates, lists, replaces and deletes through the API, auditing each change", async () => {
      const spec = {
        timeZone: "Europe/Berlin",
        layers: [
          { name: "w", start: "2026-11-02T09:00", rotation: { every: "1w" }, participants: ["responder1"] },
        ],
      };
      const created = await call(t, "manager", "POST", "/api/v1/schedules", {
        name: "solo",
        team: "data",
        ...spec,
      });
      assert.equal(created.statusCode, 201, created.body);
      assert.equal(
        (await call(t, "manager", "POST", "/api/v1/schedules", { name: "solo", ...spec })).statusCode,
        409,
      );
      const byTeam = await call(t, "viewer", "GET", "/api/v1/schedules?team=data");
      assert.deepEqual(
        byTeam.json().items.map((s: { name: string }) => s.name),
        ["solo"],
      );
      const byUser = await call(t, "viewer", "GET", "/api/v1/schedules?user=frank");
      assert.deepEqual(
        byUser.json().items.map((s: { name: string }) => s.name),
        ["ny"],
      );
      const replaced = await call(t, "manager", "PUT", "/api/v1/schedules/solo", {
        ...spec,
        layers: [{ ...spec.layers[0], participants: ["responder1", "manager1"] }],
      });
      assert.equal(replaced.statusCode, 200, replaced.body);
      assert.equal(replaced.json().team, null);
      assert.deepEqual(
        replaced.json().participants.map((p: { name: string }) => p.name),
        ["responder1", "manager1"],
      );
      assert.equal((await call(t, "manager", "PUT", "/api/v1/schedules/nope", spec)).statusCode, 404);
      assert.equal((await call(t, "manager", "DELETE", "/api/v1/schedules/solo")).statusCode, 204);
      assert.equal((await call(t, "viewer", "GET", "/api/v1/schedules/solo")).statusCode, 404);
      const audit = await call(t, "admin", "GET", "/api/v1/audit?entityType=schedule&entityId=solo");
      assert.deepEqual(
        // The fake clock stands still, so the three entries share one instant: compare them as a set.
        audit
          .json()
          .items.map((e: { action: string }) => e.action)
          .sort(),
        ["schedule.create", "schedule.delete", "schedule.update"],
      );
    });
  });
}
