import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type Role, roles } from "../context.ts";
import { testEngines } from "../testing/databases.ts";
import { startTestApp, type TestApp } from "../testing/test-app.ts";

/**
 * Generated from the route table: every route that is not public answers 401 without credentials and
 * 403 to a role below the one it declares. A new route is covered the moment it is registered.
 */

/** The only routes anyone may call anonymously. Adding one here is a security decision: say why. */
const publicRoutes = new Set([
  "GET /healthz", // liveness probes carry no credentials
  "GET /readyz", // readiness probes carry no credentials
  "GET /metrics", // Prometheus scrapes; exposes counters only
  "GET /api/openapi.json", // the API description is documentation
  "GET /api/v1/setup", // the setup page must know whether setup is needed
  "POST /api/v1/setup", // guarded by the one-time setup token
  "POST /api/v1/auth/login", // guarded by the password and the rate limit
  "POST /api/v1/auth/logout", // ends only the session whose cookie is sent; must work with an expired one
  "GET /*", // the web UI's files; all data comes through the API
]);

const concrete = (url: string) => url.replace(/:[A-Za-z]+/g, "x").replace(/\*/g, "x");

for (const engine of testEngines())
  describe(`every route declares who may call it (${engine.name})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(engine);
    });
    after(() => t.close());

    it("has only the listed public routes", () => {
      const publicOnes = t.routeTable
        .filter((r) => r.permission() === "public" && !r.url.startsWith("/api/docs"))
        .map((r) => `${r.method} ${r.url}`);
      assert.deepEqual(publicOnes.sort(), [...publicRoutes].sort());
    });

    it("answers 401 without credentials on every other route", async () => {
      const guarded = t.routeTable.filter((r) => {
        const p = r.permission();
        return p !== "public" && !(typeof p === "object" && "custom" in p);
      });
      assert.ok(guarded.length >= 15, `only ${guarded.length} guarded routes found`);
      for (const r of guarded) {
        const res = await t.app.inject({
          method: r.method as "GET",
          url: concrete(r.url),
          payload: r.method === "GET" ? undefined : {},
        });
        assert.equal(
          res.statusCode,
          401,
          `${r.method} ${r.url} answered ${res.statusCode} without credentials`,
        );
        assert.equal(res.headers["content-type"], "application/problem+json; charset=utf-8");
      }
    });

    it("answers 403 to every role below the declared one", async () => {
      let checked = 0;
      for (const r of t.routeTable) {
        const p = r.permission();
        if (typeof p !== "object" || !("role" in p)) continue;
        const below = roles.slice(0, roles.indexOf(p.role)) as Role[];
        for (const role of below) {
          const res = await t.app.inject({
            method: r.method as "GET",
            url: concrete(r.url),
            headers: t.as(role),
            payload: r.method === "GET" ? undefined : {},
          });
          assert.equal(res.statusCode, 403, `${r.method} ${r.url} answered ${res.statusCode} to ${role}`);
          checked++;
        }
      }
      assert.ok(checked > 10, `only ${checked} role checks ran`);
    });

    it("refuses an unknown or malformed bearer token with 401", async () => {
      for (const authorization of [
        "Bearer odt_nope",
        "Bearer",
        "Basic YWRtaW46YWRtaW4=",
        `Bearer ${t.tokens.admin}x`,
      ]) {
        const res = await t.app.inject({ method: "GET", url: "/api/v1/users", headers: { authorization } });
        assert.equal(res.statusCode, 401, authorization);
      }
    });
  });
