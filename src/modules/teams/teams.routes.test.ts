import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testEngines } from "../../platform/testing/databases.ts";
import { startTestApp, type TestApp } from "../../platform/testing/test-app.ts";

for (const engine of testEngines()) {
  describe(`teams API on ${engine.name}`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(engine);
    });
    after(() => t.close());

    it("creates a team with members, marking names that are not users as unresolved", async () => {
      const res = await t.app.inject({
        method: "POST",
        url: "/api/v1/teams",
        headers: t.as("manager"),
        payload: { name: "storage", displayName: "Storage", members: ["responder1", "nobody-yet"] },
      });
      assert.equal(res.statusCode, 201);
      assert.deepEqual(
        res.json().members.map((m: { name: string; resolved: boolean }) => [m.name, m.resolved]),
        [
          ["nobody-yet", false],
          ["responder1", true],
        ],
      );
    });

    it("refuses a second team with the same name", async () => {
      const res = await t.app.inject({
        method: "POST",
        url: "/api/v1/teams",
        headers: t.as("manager"),
        payload: { name: "storage" },
      });
      assert.equal(res.statusCode, 409);
    });

    it("adds and removes one member, and finds teams by member", async () => {
      await t.app.inject({
        method: "PUT",
        url: "/api/v1/teams/storage/members/viewer1",
        headers: t.as("manager"),
      });
      const byMember = await t.app.inject({ url: "/api/v1/teams?member=viewer1", headers: t.as("viewer") });
      assert.deepEqual(
        byMember.json().items.map((i: { name: string }) => i.name),
        ["storage"],
      );
      const removed = await t.app.inject({
        method: "DELETE",
        url: "/api/v1/teams/storage/members/viewer1",
        headers: t.as("manager"),
      });
      assert.ok(!removed.json().members.some((m: { name: string }) => m.name === "viewer1"));
    });

    it("patches only the given fields and deletes", async () => {
      const patched = await t.app.inject({
        method: "PATCH",
        url: "/api/v1/teams/storage",
        headers: t.as("manager"),
        payload: { description: "Block and object storage" },
      });
      assert.equal(patched.json().description, "Block and object storage");
      assert.equal(patched.json().displayName, "Storage");
      const members = (res: { json(): { members: { name: string }[] } }) =>
        res.json().members.map((m) => m.name);
      assert.deepEqual(members(patched), ["nobody-yet", "responder1"], "members stay");
      const renamed = await t.app.inject({
        method: "PATCH",
        url: "/api/v1/teams/storage",
        headers: t.as("manager"),
        payload: { displayName: "Storage team" },
      });
      assert.equal(renamed.json().description, "Block and object storage", "the description stays");
      assert.deepEqual(members(renamed), ["nobody-yet", "responder1"]);
      assert.equal(
        (await t.app.inject({ method: "DELETE", url: "/api/v1/teams/storage", headers: t.as("manager") }))
          .statusCode,
        204,
      );
      assert.equal(
        (await t.app.inject({ url: "/api/v1/teams/storage", headers: t.as("viewer") })).statusCode,
        404,
      );
    });
  });
}
