import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import ICAL from "ical.js";
import { loggerOptions } from "../../platform/logging.ts";
import { testEngines } from "../../platform/testing/databases.ts";
import { startTestApp, type TestApp } from "../../platform/testing/test-app.ts";
import { applyOk, call, scheduleDoc } from "./oncall.fixture.ts";

// Feeds are fetched the way a calendar application does: no credentials, only the secret URL, and the
// answer is read with ical.js (Mozilla's RFC 5545 parser).

const ops = {
  timeZone: "Europe/Berlin",
  layers: [
    {
      name: "weekly",
      start: "2026-10-19T09:00",
      rotation: { every: "1w" },
      participants: ["responder1", "manager1"],
    },
  ],
};
const db = {
  timeZone: "Asia/Tokyo",
  layers: [
    {
      name: "days",
      start: "2026-10-19T09:00",
      rotation: { every: "1w" },
      participants: ["responder1"],
      restrictions: [{ days: ["mon", "tue", "wed", "thu", "fri"], from: "09:00", to: "18:00" }],
    },
  ],
};

function events(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return calendar.getAllSubcomponents("vevent").map((v) => {
    const e = new ICAL.Event(v);
    return {
      summary: e.summary,
      start: e.startDate.toJSDate().toISOString(),
      end: e.endDate.toJSDate().toISOString(),
    };
  });
}

for (const engine of testEngines()) {
  describe(`calendar feeds on ${engine.name}`, () => {
    let t: TestApp;
    const logged: string[] = [];
    before(async () => {
      t = await startTestApp(engine, {}, loggerOptions("info", { write: (line) => logged.push(line) }));
      await applyOk(t, scheduleDoc("ops", ops), scheduleDoc("db", db));
    });
    after(() => t.close());

    const fetchFeed = (url: string) => t.app.inject({ url: new URL(url).pathname });

    it("serves a schedule's shifts at its secret URL, parseable by a real iCal parser", async () => {
      const made = await call(t, "manager", "POST", "/api/v1/schedules/ops/feed");
      assert.equal(made.statusCode, 201, made.body);
      assert.match(
        made.json().url,
        /^http:\/\/127\.0\.0\.1:\d+\/api\/v1\/calendars\/odc_[A-Za-z0-9_-]{43}\.ics$/,
      );
      const res = await fetchFeed(made.json().url);
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers["content-type"], "text/calendar; charset=utf-8");
      // The feed covers 30 days back and 180 ahead of the clock (2026-11-02T09:00Z), like the shifts API.
      const shifts = await call(
        t,
        "viewer",
        "GET",
        "/api/v1/schedules/ops/shifts?from=2026-10-03T09:00:00Z&to=2027-05-01T09:00:00Z",
      );
      assert.deepEqual(
        events(res.body),
        shifts.json().shifts.map((s: { user: string; start: string; end: string }) => ({
          summary: `On call: ${s.user} (ops)`,
          start: s.start,
          end: s.end,
        })),
      );
      assert.deepEqual(events(res.body)[0], {
        summary: "On call: responder1 (ops)",
        start: "2026-10-19T07:00:00.000Z",
        end: "2026-10-26T08:00:00.000Z", // 09:00 CEST to 09:00 CET: a 169-hour week
      });
      const view = await call(t, "viewer", "GET", "/api/v1/schedules/ops");
      assert.equal(view.json().feedCreatedAt, made.json().createdAt);
    });

    it("a regenerated URL voids the old one", async () => {
      const first = (await call(t, "manager", "POST", "/api/v1/schedules/ops/feed")).json().url;
      assert.equal((await fetchFeed(first)).statusCode, 200);
      const second = (await call(t, "manager", "POST", "/api/v1/schedules/ops/feed")).json().url;
      assert.notEqual(first, second);
      const old = await fetchFeed(first);
      assert.equal(old.statusCode, 404);
      assert.equal(old.headers["content-type"], "application/problem+json; charset=utf-8");
      assert.equal((await fetchFeed(second)).statusCode, 200);
      assert.equal((await t.app.inject({ url: "/api/v1/calendars/odc_guess.ics" })).statusCode, 404);
    });

    it("serves a user's shifts across schedules at their own URL", async () => {
      const made = await call(t, "responder", "POST", "/api/v1/me/feed");
      assert.equal(made.statusCode, 201, made.body);
      const all = events((await fetchFeed(made.json().url)).body);
      assert.ok(
        all.every(
          (e) => e.summary === "On call: responder1 (ops)" || e.summary === "On call: responder1 (db)",
        ),
      );
      assert.ok(all.some((e) => e.summary.endsWith("(db)")) && all.some((e) => e.summary.endsWith("(ops)")));
      assert.deepEqual(
        all.map((e) => e.start),
        all.map((e) => e.start).sort(),
      );
      const tokyoMonday = all.find((e) => e.start === "2026-10-19T00:00:00.000Z");
      assert.deepEqual(tokyoMonday, {
        summary: "On call: responder1 (db)",
        start: "2026-10-19T00:00:00.000Z",
        end: "2026-10-19T09:00:00.000Z",
      });
      const again = await call(t, "responder", "POST", "/api/v1/me/feed");
      assert.equal((await fetchFeed(made.json().url)).statusCode, 404);
      assert.equal((await fetchFeed(again.json().url)).statusCode, 200);
    });

    it("deleting the schedule voids its feed; the secret never reaches the log or the audit", async () => {
      const url = (await call(t, "manager", "POST", "/api/v1/schedules/db/feed")).json().url as string;
      const token = /odc_[^.]+/.exec(url)?.[0] ?? "";
      assert.equal((await fetchFeed(url)).statusCode, 200);
      assert.equal((await call(t, "manager", "DELETE", "/api/v1/schedules/db")).statusCode, 204);
      assert.equal((await fetchFeed(url)).statusCode, 404);
      assert.ok(logged.length > 0, "the test app logs");
      assert.ok(!logged.some((l) => l.includes(token)), "the feed token was logged");
      const audit = await call(t, "admin", "GET", "/api/v1/audit?limit=1000");
      assert.ok(!audit.body.includes(token));
      assert.ok(audit.json().items.some((e: { action: string }) => e.action === "schedule.feed.regenerate"));
    });
  });
}
