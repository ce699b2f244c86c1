import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testEngines } from "../../platform/testing/databases.ts";
import { startTestApp, type TestApp } from "../../platform/testing/test-app.ts";
import { applyOk, applyYaml, call, onCall, problemPaths, scheduleDoc, userDocs } from "./oncall.fixture.ts";

// Bad input is refused with the field named, through `opsdeck apply` and through the API alike.

const layer = {
  name: "weekly",
  start: "2026-11-02T09:00",
  rotation: { every: "1w" },
  participants: ["responder1"],
};
const good = { timeZone: "Europe/Berlin", layers: [layer] };

type Problem = { errors: { path: string; line?: number; message: string }[] };

for (const engine of testEngines()) {
  describe(`Schedule documents and bad input on ${engine.name}`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(engine);
    });
    after(() => t.close());

    it("refuses an unknown time zone and a 0d rotation, naming the fields", async () => {
      const bad = { timeZone: "Mars/Olympus_Mons", layers: [{ ...layer, rotation: { every: "0d" } }] };
      const applied = await applyYaml(t, scheduleDoc("bad", bad));
      assert.equal(applied.statusCode, 400);
      assert.deepEqual(problemPaths(applied.json()), ["spec.timeZone", "spec.layers.0.rotation.every"]);
      const posted = await call(t, "manager", "POST", "/api/v1/schedules", { name: "bad", ...bad });
      assert.equal(posted.statusCode, 400);
      assert.deepEqual(problemPaths(posted.json()), ["timeZone", "layers.0.rotation.every"]);
      const offset = await call(t, "manager", "POST", "/api/v1/schedules", {
        name: "bad",
        ...good,
        timeZone: "+01:00",
      });
      assert.deepEqual(problemPaths(offset.json()), ["timeZone"]);
      assert.equal((await call(t, "viewer", "GET", "/api/v1/schedules/bad")).statusCode, 404);
    });

    it("refuses participants and override users that are not users, by path; nothing is applied", async () => {
      const spec = {
        ...good,
        layers: [{ ...layer, participants: ["responder1", "manager1", "zed"] }],
        overrides: [{ user: "ghost", start: "2026-11-05T00:00:00Z", end: "2026-11-05T06:00:00Z" }],
      };
      const documents = [userDocs(["newcomer"]), scheduleDoc("typo", spec)];
      const applied = await applyYaml(t, ...documents);
      assert.equal(applied.statusCode, 400);
      const lines = documents.join("---\n").split("\n");
      const lineOf = (text: string) => lines.findIndex((l) => l.includes(text)) + 1;
      assert.deepEqual(
        (applied.json() as Problem).errors.map((e) => [e.path, e.line, e.message]),
        [
          ["spec.layers.0.participants.2", lineOf("- zed"), "no user named 'zed'"],
          ["spec.overrides.0.user", lineOf("user: ghost"), "no user named 'ghost'"],
        ],
      );
      // All or nothing: the valid User document of the same apply was not created either.
      assert.equal((await call(t, "admin", "GET", "/api/v1/users/newcomer")).statusCode, 404);
      const posted = await call(t, "manager", "POST", "/api/v1/schedules", { name: "typo", ...spec });
      assert.equal(posted.statusCode, 400);
      assert.deepEqual(problemPaths(posted.json()), ["layers.0.participants.2", "overrides.0.user"]);
    });

    it("counts users declared in the same apply as existing", async () => {
      const spec = { ...good, layers: [{ ...layer, participants: ["zed"] }] };
      await applyOk(t, userDocs(["zed"]), scheduleDoc("zed-only", spec));
      assert.equal(await onCall(t, "zed-only", "2026-11-03T00:00:00Z"), "zed");
    });

    it("refuses an override that ends before it starts, in a manifest and through the API", async () => {
      const spec = {
        ...good,
        overrides: [{ user: "responder1", start: "2026-11-05T06:00:00Z", end: "2026-11-05T00:00:00Z" }],
      };
      const applied = await applyYaml(t, scheduleDoc("backwards", spec));
      assert.deepEqual(problemPaths(applied.json()), ["spec.overrides.0.end"]);
      await applyOk(t, scheduleDoc("backwards", good));
      const posted = await call(t, "responder", "POST", "/api/v1/schedules/backwards/overrides", {
        start: "2026-11-05T06:00:00Z",
        end: "2026-11-05T00:00:00Z",
      });
      assert.equal(posted.statusCode, 400);
      assert.deepEqual(problemPaths(posted.json()), ["end"]);
    });

    it("re-applies unchanged, updates on change and prunes", async () => {
      const spec = {
        ...good,
        team: "platform",
        overrides: [
          { user: "manager1", start: "2026-11-05T00:00:00+01:00", end: "2026-11-05T06:00:00+01:00" },
        ],
      };
      const first = await applyYaml(t, scheduleDoc("steady", spec));
      assert.equal(first.json().changes[0].action, "create");
      const again = await applyYaml(t, scheduleDoc("steady", spec));
      assert.equal(again.json().changes[0].action, "unchanged");
      assert.equal(await onCall(t, "steady", "2026-11-04T23:30:00Z"), "manager1");
      const changed = await applyYaml(t, scheduleDoc("steady", { ...spec, overrides: [] }));
      assert.deepEqual(
        changed.json().changes[0].fields.map((f: { field: string }) => f.field),
        ["overrides"],
      );
      assert.equal(await onCall(t, "steady", "2026-11-04T23:30:00Z"), "responder1");
      const pruned = await t.app.inject({
        method: "POST",
        url: "/api/v1/apply?prune=true",
        headers: { ...t.as("manager"), "content-type": "application/yaml" },
        payload: userDocs(["zed"]),
      });
      assert.ok(
        pruned
          .json()
          .changes.some(
            (c: { action: string; name: string }) => c.action === "delete" && c.name === "steady",
          ),
      );
      assert.equal((await call(t, "viewer", "GET", "/api/v1/schedules/steady")).statusCode, 404);
    });
  });
}
