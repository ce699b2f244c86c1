import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import fc from "fast-check";
import { testEngines } from "../testing/databases.ts";
import { startTestApp, type TestApp } from "../testing/test-app.ts";

const concrete = (url: string) => url.replace(/:[A-Za-z]+/g, "x").replace(/\*/g, "x");

for (const engine of testEngines()) {
  describe(`bad input gets a 4xx problem that names the problem (${engine.name})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(engine);
    });
    after(() => t.close());

    const post = (url: string, payload: string, contentType = "application/json") =>
      t.app.inject({
        method: "POST",
        url,
        payload,
        headers: { ...t.as("admin"), "content-type": contentType },
      });

    it("malformed JSON", async () => {
      const res = await post("/api/v1/teams", '{"name": "x",');
      assert.equal(res.statusCode, 400);
      assert.equal(res.headers["content-type"], "application/problem+json; charset=utf-8");
      assert.equal(res.json().title, "Malformed JSON body");
      assert.ok(res.json().requestId);
    });

    it("a wrong type names the field", async () => {
      const res = await post(
        "/api/v1/users",
        JSON.stringify({ name: "u1", email: "u1@example.com", role: "emperor" }),
      );
      assert.equal(res.statusCode, 400);
      assert.ok(
        res.json().errors.some((e: { path: string }) => e.path === "body.role"),
        res.body,
      );
    });

    it("an unknown field is named", async () => {
      const res = await post("/api/v1/teams", JSON.stringify({ name: "t1", colour: "blue" }));
      assert.equal(res.statusCode, 400);
      assert.match(res.json().detail, /colour/);
    });

    it("an oversized body is refused with 413", async () => {
      const big = JSON.stringify({ name: "t2", description: "x".repeat(1024 * 1024 + 10) });
      const res = await post("/api/v1/teams", big);
      assert.equal(res.statusCode, 413);
      assert.equal(res.json().title, "Request body too large");
    });

    it("an unsupported media type is refused with 415", async () => {
      const res = await post("/api/v1/teams", "<team/>", "application/xml");
      assert.equal(res.statusCode, 415);
    });

    it("malformed YAML names the line, and nothing is written", async () => {
      const yaml =
        "apiVersion: opsdeck.dev/v1\nkind: Team\nmetadata: { name: half }\nspec: {}\n---\nkind: [unclosed\n";
      const res = await post("/api/v1/apply?file=team.yaml", yaml, "application/yaml");
      assert.equal(res.statusCode, 400);
      const issue = res.json().errors[0];
      assert.equal(issue.file, "team.yaml");
      assert.equal(issue.document, 2);
      assert.ok(issue.line >= 6, JSON.stringify(issue));
      const team = await t.app.inject({ method: "GET", url: "/api/v1/teams/half", headers: t.as("viewer") });
      assert.equal(team.statusCode, 404);
    });

    it("a NUL character anywhere in the request is a 400 naming where, not a 500 on PostgreSQL", async () => {
      // PostgreSQL cannot store U+0000 in text; random JSON bodies hit this as {"name": "\u0000"}.
      const body = await post("/api/v1/tokens", JSON.stringify({ name: "a\u0000b" }));
      assert.equal(body.statusCode, 400, body.body);
      assert.deepEqual(
        body.json().errors.map((e: { path: string }) => e.path),
        ["body.name"],
      );
      const nested = await post("/api/v1/teams", JSON.stringify({ name: "t3", links: [{ "x\u0000": 1 }] }));
      assert.equal(nested.statusCode, 400, nested.body);
      assert.match(nested.json().detail, /^body\.links\.0 holds a NUL/, "keys count too");
      for (const url of ["/api/v1/teams/a%00b", "/api/v1/audit?actor=a%00b"]) {
        const res = await t.app.inject({ method: "GET", url, headers: t.as("admin") });
        assert.equal(res.statusCode, 400, `${url}: ${res.body}`);
        assert.match(res.json().detail, /NUL/);
      }
    });

    it("an unknown query parameter value is a 400, not a 500", async () => {
      const res = await t.app.inject({
        method: "GET",
        url: "/api/v1/audit?limit=lots",
        headers: t.as("admin"),
      });
      assert.equal(res.statusCode, 400);
      assert.match(res.json().detail, /limit/);
    });

    it("random JSON bodies on every write route never yield a 5xx", async () => {
      const writes = t.routeTable.filter(
        (r) => ["POST", "PUT", "PATCH"].includes(r.method) && r.url.startsWith("/api/v1/"),
      );
      assert.ok(writes.length >= 5);
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...writes), fc.jsonValue(), async (route, body) => {
          const res = await t.app.inject({
            method: route.method as "POST",
            url: concrete(route.url),
            payload: JSON.stringify(body),
            headers: { ...t.as("admin"), "content-type": "application/json" },
          });
          assert.ok(
            res.statusCode < 500,
            `${route.method} ${route.url} answered ${res.statusCode}: ${res.body}`,
          );
        }),
        { numRuns: 150 },
      );
    });
  });
}
