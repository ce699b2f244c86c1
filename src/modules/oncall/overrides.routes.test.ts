import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testEngines } from "../../platform/testing/databases.ts";
import { startTestApp, type TestApp } from "../../platform/testing/test-app.ts";
import { applyOk, call, onCall, problemPaths, scheduleDoc } from "./oncall.fixture.ts";

// "ops": responder1 has the week from Mon 2 Nov 09:00 New York time (14:00Z), manager1 the next one
// (from 9 Nov 14:00Z). The clock stands at Tue 3 Nov 00:00Z, in responder1's week.
const ops = {
  timeZone: "America/New_York",
  layers: [
    {
      name: "weekly",
      start: "2026-11-02T09:00",
      rotation: { every: "1w" },
      participants: ["responder1", "manager1"],
    },
  ],
};

const override = (user: string | undefined, start: string, end: string, reason = "") => ({
  ...(user ? { user } : {}),
  start,
  end,
  ...(reason ? { reason } : {}),
});

for (const engine of testEngines()) {
  describe(`schedule overrides API on ${engine.name}`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(engine);
      await applyOk(t, scheduleDoc("ops", ops));
      t.clock.set("2026-11-03T00:00:00Z");
    });
    after(() => t.close());

    it("cover me: a responder hands their own time to someone else", async () => {
      const res = await call(
        t,
        "responder",
        "POST",
        "/api/v1/schedules/ops/overrides",
        override("admin1", "2026-11-04T00:00:00Z", "2026-11-04T06:00:00Z", "dentist"),
      );
      assert.equal(res.statusCode, 201, res.body);
      assert.equal(res.json().createdBy, "responder1");
      assert.equal(res.json().source, "api");
      assert.equal(await onCall(t, "ops", "2026-11-03T23:59:59.999Z"), "responder1");
      assert.equal(await onCall(t, "ops", "2026-11-04T03:00:00Z"), "admin1");
      assert.equal(await onCall(t, "ops", "2026-11-04T06:00:00Z"), "responder1");
    });

    it("cover me is refused for time that is not the caller's", async () => {
      const res = await call(
        t,
        "responder",
        "POST",
        "/api/v1/schedules/ops/overrides",
        override("admin1", "2026-11-09T12:00:00Z", "2026-11-09T16:00:00Z"),
      );
      assert.equal(res.statusCode, 403);
      assert.match(res.json().detail, /at 2026-11-09T14:00:00.000Z manager1 is on call/);
      assert.equal(await onCall(t, "ops", "2026-11-09T15:00:00Z"), "manager1");
    });

    it("take this shift: a responder puts themselves on call, whoever had it", async () => {
      const res = await call(
        t,
        "responder",
        "POST",
        "/api/v1/schedules/ops/overrides",
        override(undefined, "2026-11-10T00:00:00Z", "2026-11-10T06:00:00Z"),
      );
      assert.equal(res.statusCode, 201, res.body);
      assert.equal(res.json().user, "responder1");
      assert.equal(await onCall(t, "ops", "2026-11-10T03:00:00Z"), "responder1");
      const shifts = await call(
        t,
        "viewer",
        "GET",
        "/api/v1/schedules/ops/shifts?from=2026-11-09T23:00:00Z&to=2026-11-10T07:00:00Z",
      );
      assert.deepEqual(
        shifts.json().shifts.map((s: { user: string }) => s.user),
        ["manager1", "responder1", "manager1"],
      );
    });

    it("the later-created override wins, whether it came from the spec or the API", async () => {
      const window = ["2026-11-12T00:00:00Z", "2026-11-12T06:00:00Z"] as const;
      assert.equal(
        (await call(t, "manager", "POST", "/api/v1/schedules/ops/overrides", override("admin1", ...window)))
          .statusCode,
        201,
      );
      t.clock.advance(1000);
      await applyOk(
        t,
        scheduleDoc("ops", { ...ops, overrides: [{ user: "viewer1", start: window[0], end: window[1] }] }),
      );
      assert.equal(await onCall(t, "ops", "2026-11-12T03:00:00Z"), "viewer1", "the spec's override is newer");
      // Re-applying with another change keeps the unchanged override's creation time...
      t.clock.advance(1000);
      await applyOk(
        t,
        scheduleDoc("ops", {
          ...ops,
          team: "platform",
          overrides: [{ user: "viewer1", start: window[0], end: window[1] }],
        }),
      );
      t.clock.advance(1000);
      assert.equal(
        (
          await call(
            t,
            "manager",
            "POST",
            "/api/v1/schedules/ops/overrides",
            override("manager1", "2026-11-12T02:00:00Z", "2026-11-12T04:00:00Z"),
          )
        ).statusCode,
        201,
      );
      // ...so the API override made after it wins where they overlap, and the spec's shows around it.
      assert.equal(await onCall(t, "ops", "2026-11-12T01:00:00Z"), "viewer1");
      assert.equal(await onCall(t, "ops", "2026-11-12T03:00:00Z"), "manager1");
      assert.equal(await onCall(t, "ops", "2026-11-12T05:00:00Z"), "viewer1");
      const list = await call(
        t,
        "viewer",
        "GET",
        "/api/v1/schedules/ops/overrides?from=2026-11-12T00:00:00Z&to=2026-11-13T00:00:00Z",
      );
      assert.deepEqual(
        list
          .json()
          .items.map((o: { user: string; source: string; id: string | null }) => [
            o.user,
            o.source,
            o.id === null,
          ]),
        [
          ["admin1", "api", false],
          ["viewer1", "spec", true],
          ["manager1", "api", false],
        ],
      );
    });

    it("refuses unknown users, past overrides and a missing schedule, naming the field", async () => {
      const ghost = await call(
        t,
        "manager",
        "POST",
        "/api/v1/schedules/ops/overrides",
        override("ghost", "2026-11-20T00:00:00Z", "2026-11-20T01:00:00Z"),
      );
      assert.equal(ghost.statusCode, 400);
      assert.deepEqual(problemPaths(ghost.json()), ["user"]);
      const past = await call(
        t,
        "manager",
        "POST",
        "/api/v1/schedules/ops/overrides",
        override("admin1", "2026-11-01T00:00:00Z", "2026-11-02T00:00:00Z"),
      );
      assert.equal(past.statusCode, 400);
      assert.deepEqual(problemPaths(past.json()), ["end"]);
      const notIso = await call(t, "manager", "POST", "/api/v1/schedules/ops/overrides", {
        start: "tomorrow",
        end: "2026-11-20T01:00:00Z",
      });
      assert.deepEqual(problemPaths(notIso.json()), ["body.start"]);
      const missing = await call(
        t,
        "manager",
        "POST",
        "/api/v1/schedules/nope/overrides",
        override("admin1", "2026-11-20T00:00:00Z", "2026-11-20T01:00:00Z"),
      );
      assert.equal(missing.statusCode, 404);
    });

    it("deletes: its creator or its user may, another responder may not; spec overrides are not the API's", async () => {
      const mine = await call(
        t,
        "responder",
        "POST",
        "/api/v1/schedules/ops/overrides",
        override(undefined, "2026-11-11T00:00:00Z", "2026-11-11T01:00:00Z"),
      );
      const theirs = await call(
        t,
        "manager",
        "POST",
        "/api/v1/schedules/ops/overrides",
        override("admin1", "2026-11-11T02:00:00Z", "2026-11-11T03:00:00Z"),
      );
      assert.equal(await onCall(t, "ops", "2026-11-11T00:30:00Z"), "responder1");
      const denied = await call(
        t,
        "responder",
        "DELETE",
        `/api/v1/schedules/ops/overrides/${theirs.json().id}`,
      );
      assert.equal(denied.statusCode, 403);
      assert.equal(
        (await call(t, "responder", "DELETE", `/api/v1/schedules/ops/overrides/${mine.json().id}`))
          .statusCode,
        204,
      );
      assert.equal(await onCall(t, "ops", "2026-11-11T00:30:00Z"), "manager1");
      assert.equal(
        (await call(t, "admin", "DELETE", `/api/v1/schedules/ops/overrides/${theirs.json().id}`)).statusCode,
        204,
      );
      assert.equal(
        (await call(t, "manager", "DELETE", `/api/v1/schedules/ops/overrides/${mine.json().id}`)).statusCode,
        404,
      );
      const audit = await call(t, "admin", "GET", "/api/v1/audit?entityType=schedule&entityId=ops&limit=100");
      const actions = audit.json().items.map((e: { action: string }) => e.action);
      assert.equal(actions.filter((a: string) => a === "schedule.override.delete").length, 2);
      assert.ok(actions.includes("schedule.override.create"));
    });

    it("an override that has ended stays", async () => {
      const res = await call(
        t,
        "manager",
        "POST",
        "/api/v1/schedules/ops/overrides",
        override("admin1", "2026-11-03T00:00:00Z", "2026-11-03T01:00:00Z"),
      );
      t.clock.set("2026-11-03T02:00:00Z");
      const gone = await call(t, "manager", "DELETE", `/api/v1/schedules/ops/overrides/${res.json().id}`);
      assert.equal(gone.statusCode, 409);
      assert.equal(await onCall(t, "ops", "2026-11-03T00:30:00Z"), "admin1");
    });
  });
}
