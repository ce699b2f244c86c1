import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testEngines } from "../testing/databases.ts";
import { startTestApp, type TestApp } from "../testing/test-app.ts";

for (const engine of testEngines()) {
  describe(`users API on ${engine.name}`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(engine);
    });
    after(() => t.close());

    it("lets users change their own time zone but not their role", async () => {
      const own = await t.app.inject({
        method: "PATCH",
        url: "/api/v1/users/responder1",
        headers: t.as("responder"),
        payload: { timeZone: "Europe/Berlin" },
      });
      assert.equal(own.statusCode, 200);
      assert.equal(own.json().timeZone, "Europe/Berlin");
      const escalate = await t.app.inject({
        method: "PATCH",
        url: "/api/v1/users/responder1",
        headers: t.as("responder"),
        payload: { role: "admin" },
      });
      assert.equal(escalate.statusCode, 403);
    });

    it("refuses an unknown time zone by name", async () => {
      const res = await t.app.inject({
        method: "PATCH",
        url: "/api/v1/users/responder1",
        headers: t.as("responder"),
        payload: { timeZone: "Mars/Olympus" },
      });
      assert.equal(res.statusCode, 400);
      assert.equal(res.json().errors[0].path, "body.timeZone");
    });

    it("never demotes the last admin", async () => {
      const res = await t.app.inject({
        method: "PATCH",
        url: "/api/v1/users/admin1",
        headers: t.as("admin"),
        payload: { role: "viewer" },
      });
      assert.equal(res.statusCode, 409);
    });

    it("a disabled user's token stops working at once", async () => {
      await t.app.inject({
        method: "PATCH",
        url: "/api/v1/users/viewer1",
        headers: t.as("admin"),
        payload: { disabled: true },
      });
      const res = await t.app.inject({ url: "/api/v1/auth/me", headers: t.as("viewer") });
      assert.equal(res.statusCode, 401);
    });

    it("never returns a password hash", async () => {
      const res = await t.app.inject({ url: "/api/v1/users", headers: t.as("admin") });
      assert.ok(!res.body.includes("argon2"));
      assert.equal(res.json().items[0].hasPassword, true);
    });
  });
}
