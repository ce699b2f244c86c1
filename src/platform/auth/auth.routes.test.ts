import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testEngines } from "../testing/databases.ts";
import { startTestApp, type TestApp } from "../testing/test-app.ts";
import { issueSetupToken } from "./index.ts";

for (const engine of testEngines()) {
  describe(`auth on ${engine.name}`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(engine);
    });
    after(() => t.close());

    it("signs in with a password, sets an HttpOnly session cookie and answers /me", async () => {
      const res = await t.app.inject({
        method: "POST",
        url: "/api/v1/auth/login",
        payload: { email: "manager1@example.com", password: "manager-password-123" },
      });
      assert.equal(res.statusCode, 200);
      const cookie = res.cookies[0];
      assert.ok(cookie);
      assert.equal(cookie.name, "__Host-opsdeck_session");
      assert.equal(cookie.httpOnly, true);
      assert.equal(cookie.sameSite, "Lax");
      const me = await t.app.inject({
        method: "GET",
        url: "/api/v1/auth/me",
        cookies: { [cookie.name]: cookie.value },
      });
      assert.equal(me.statusCode, 200);
      assert.equal(me.json().name, "manager1");
    });

    it("refuses a cookie-authenticated change without the CSRF header", async () => {
      const login = await t.app.inject({
        method: "POST",
        url: "/api/v1/auth/login",
        payload: { email: "admin1@example.com", password: "admin-password-123" },
      });
      const cookie = login.cookies[0];
      assert.ok(cookie);
      const cookies = { [cookie.name]: cookie.value };
      const refused = await t.app.inject({
        method: "POST",
        url: "/api/v1/teams",
        cookies,
        payload: { name: "csrf" },
      });
      assert.equal(refused.statusCode, 403);
      const ok = await t.app.inject({
        method: "POST",
        url: "/api/v1/teams",
        cookies,
        headers: { "x-opsdeck-request": "1" },
        payload: { name: "csrf" },
      });
      assert.equal(ok.statusCode, 201);
    });

    it("rate-limits failed logins per account, even when the right password follows", async () => {
      for (let i = 0; i < 5; i++) {
        const r = await t.app.inject({
          method: "POST",
          url: "/api/v1/auth/login",
          payload: { email: "viewer1@example.com", password: `wrong-${i}` },
        });
        assert.equal(r.statusCode, 401);
      }
      const limited = await t.app.inject({
        method: "POST",
        url: "/api/v1/auth/login",
        payload: { email: "viewer1@example.com", password: "viewer-password-123" },
      });
      assert.equal(limited.statusCode, 429);
      assert.ok(Number(limited.headers["retry-after"]) > 0);
      t.clock.advance(16 * 60_000);
      const later = await t.app.inject({
        method: "POST",
        url: "/api/v1/auth/login",
        payload: { email: "viewer1@example.com", password: "viewer-password-123" },
      });
      assert.equal(later.statusCode, 200);
    });

    it("shows an API token once, lists it without the secret, and refuses it after revocation", async () => {
      const created = await t.app.inject({
        method: "POST",
        url: "/api/v1/tokens",
        headers: t.as("responder"),
        payload: { name: "ci" },
      });
      assert.equal(created.statusCode, 201);
      const { token, item } = created.json();
      assert.match(token, /^odt_/);
      const list = await t.app.inject({ method: "GET", url: "/api/v1/tokens", headers: t.as("responder") });
      assert.ok(!list.body.includes(token));
      assert.ok(list.json().items.some((i: { id: string }) => i.id === item.id));
      const works = await t.app.inject({
        method: "GET",
        url: "/api/v1/auth/me",
        headers: { authorization: `Bearer ${token}` },
      });
      assert.equal(works.statusCode, 200);
      const revoke = await t.app.inject({
        method: "DELETE",
        url: `/api/v1/tokens/${item.id}`,
        headers: t.as("responder"),
      });
      assert.equal(revoke.statusCode, 200);
      const refused = await t.app.inject({
        method: "GET",
        url: "/api/v1/auth/me",
        headers: { authorization: `Bearer ${token}` },
      });
      assert.equal(refused.statusCode, 401);
    });
  });

  describe(`first-run setup on ${engine.name}`, () => {
    it("creates the first admin with the one-time link token, once", async () => {
      const database = await engine.create();
      const { buildApp } = await import("../../app.ts");
      const { loadConfig } = await import("../config/config.ts");
      const { FakeClock } = await import("../testing/fake-clock.ts");
      const clock = new FakeClock();
      const app = await buildApp(
        { db: database.db, clock, config: loadConfig({ OPSDECK_DATABASE_URL: database.url }) },
        { logger: false },
      );
      try {
        const status = await app.inject({ method: "GET", url: "/api/v1/setup" });
        assert.deepEqual(status.json(), { needsSetup: true });
        const token = await issueSetupToken(database.db, clock);
        assert.ok(token);
        const user = { name: "root", email: "root@example.com", password: "a-long-password-1" };
        const wrong = await app.inject({
          method: "POST",
          url: "/api/v1/setup",
          payload: { token: "nope", user },
        });
        assert.equal(wrong.statusCode, 401);
        const ok = await app.inject({ method: "POST", url: "/api/v1/setup", payload: { token, user } });
        assert.equal(ok.statusCode, 201);
        assert.equal(ok.json().role, "admin");
        const again = await app.inject({
          method: "POST",
          url: "/api/v1/setup",
          payload: { token, user: { ...user, name: "x", email: "x@example.com" } },
        });
        assert.equal(again.statusCode, 409);
      } finally {
        await app.close();
        await database.drop();
      }
    });
  });
}
