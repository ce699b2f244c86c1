import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testEngines } from "../../platform/testing/databases.ts";
import { startTestApp, type TestApp } from "../../platform/testing/test-app.ts";
import type { ReadinessContext } from "../catalog/index.ts";
import { scheduleCoverageCheck, scheduleGaps, shiftsFor, whoIsOnCall } from "./index.ts";
import { applyOk, scheduleDoc } from "./oncall.fixture.ts";

// What the escalation engine and the readiness scorecard will call: the module's index exports.

// Business hours in Singapore (no DST): Mon-Fri 09:00-18:00 +08:00, i.e. 01:00Z-10:00Z.
const businessHours = {
  timeZone: "Asia/Singapore",
  layers: [
    {
      name: "days",
      start: "2026-11-02T09:00",
      rotation: { every: "1w" },
      participants: ["responder1"],
      restrictions: [{ days: ["mon", "tue", "wed", "thu", "fri"], from: "09:00", to: "18:00" }],
    },
  ],
};
const allDay = {
  timeZone: "Europe/Berlin",
  layers: [
    { name: "weekly", start: "2026-10-26T09:00", rotation: { every: "1w" }, participants: ["manager1"] },
  ],
};

const iso = (gaps: { start: Date; end: Date }[]) =>
  gaps.map((g) => `${g.start.toISOString()} ${g.end.toISOString()}`);

for (const engine of testEngines()) {
  describe(`on-call exports for other modules on ${engine.name}`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(engine);
      await applyOk(t, scheduleDoc("business-hours", businessHours), scheduleDoc("all-day", allDay));
    });
    after(() => t.close());

    it("scheduleGaps lists the stretches with nobody on call", async () => {
      const gaps = await scheduleGaps(
        t.database.db,
        "business-hours",
        new Date("2026-11-06T00:00Z"),
        new Date("2026-11-10T00:00Z"),
      );
      assert.deepEqual(iso(gaps), [
        "2026-11-06T00:00:00.000Z 2026-11-06T01:00:00.000Z", // Friday before 09:00
        "2026-11-06T10:00:00.000Z 2026-11-09T01:00:00.000Z", // the weekend
        "2026-11-09T10:00:00.000Z 2026-11-10T00:00:00.000Z",
      ]);
      assert.deepEqual(
        await scheduleGaps(
          t.database.db,
          "all-day",
          new Date("2026-11-06T00:00Z"),
          new Date("2026-11-10T00:00Z"),
        ),
        [],
      );
      // Before the layer starts, the whole window is a gap.
      assert.deepEqual(
        iso(
          await scheduleGaps(
            t.database.db,
            "all-day",
            new Date("2026-10-01T00:00Z"),
            new Date("2026-10-02T00:00Z"),
          ),
        ),
        ["2026-10-01T00:00:00.000Z 2026-10-02T00:00:00.000Z"],
      );
    });

    it("whoIsOnCall and shiftsFor read inside a caller's transaction too", async () => {
      const at = new Date("2026-11-09T02:00Z");
      assert.equal(await whoIsOnCall(t.database.db, "business-hours", at), "responder1");
      assert.equal(
        await t.database.db.write((trx) => whoIsOnCall(trx, "business-hours", new Date("2026-11-08T02:00Z"))),
        null,
      );
      const shifts = await t.database.db.write((trx) =>
        shiftsFor(trx, "all-day", at, new Date("2026-11-09T03:00Z")),
      );
      assert.deepEqual(shifts, [{ user: "manager1", start: at, end: new Date("2026-11-09T03:00Z") }]);
      await assert.rejects(whoIsOnCall(t.database.db, "nope", at), /no schedule named 'nope'/);
    });

    it("the oncall.schedule-covers-14d check passes only when every schedule covers the next 14 days", async () => {
      const policies: Record<string, string[] | null> = {
        covered: ["all-day"],
        holes: ["all-day", "business-hours"],
        none: null,
      };
      const check = scheduleCoverageCheck({
        schedulesOf: async (ctx) => policies[ctx.entity.name] ?? null,
      });
      assert.equal(check.id, "oncall.schedule-covers-14d");
      const run = (name: string) =>
        check.check({
          db: t.database.db,
          clock: t.clock,
          entity: { kind: "service", name },
          ownerTeam: null,
          spec: {},
        } as unknown as ReadinessContext);
      assert.deepEqual(await run("covered"), { pass: true });
      const holes = await run("holes");
      assert.equal(holes.pass, false);
      // The clock stands at Mon 2 Nov 09:00Z: the first gap is that evening in Singapore.
      assert.match(
        holes.detail ?? "",
        /^business-hours has nobody on call 2026-11-02T10:00:00.000Z to 2026-11-03T01:00:00.000Z, .* and \d+ more$/,
      );
      assert.deepEqual(await run("none"), { pass: false, detail: "no escalation policy" });
    });
  });
}
