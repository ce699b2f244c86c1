import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { formatRef, graphKey, parseRef } from "./refs.ts";

describe("entity refs", () => {
  it("parses kind, namespace and name, lower-casing and folding non-default namespaces", () => {
    const ok = (text: string, options = {}) => {
      const r = parseRef(text, options);
      assert.ok(r.ok, text);
      return formatRef(r.ref);
    };
    assert.equal(ok("service:payments-api"), "service:payments-api");
    assert.equal(ok("Resource:default/Orders-DB"), "resource:orders-db");
    assert.equal(ok("user:development/guest"), "user:development.guest");
    assert.equal(ok("team-a", { defaultKind: "group" }), "group:team-a");
    assert.equal(ok("team:platform"), "group:platform");
    assert.equal(
      ok("guest", { defaultKind: "group", defaultNamespace: "development" }),
      "group:development.guest",
    );
  });

  it("requires a kind where Backstage does, and refuses unknown kinds and bad names", () => {
    const dependsOn = parseRef("orders-db");
    assert.ok(!dependsOn.ok && dependsOn.message.includes("names no kind"));
    const unknown = parseRef("widget:x", { allowed: ["service", "resource"] });
    assert.ok(!unknown.ok && unknown.message.includes("unknown kind 'widget'"));
    assert.equal(parseRef("service:bad name").ok, false);
    assert.equal(parseRef("service:a--b").ok, false);
  });

  it("gives services and components one graph node", () => {
    assert.equal(graphKey({ kind: "component", name: "x" }), graphKey({ kind: "service", name: "x" }));
    assert.notEqual(graphKey({ kind: "resource", name: "x" }), graphKey({ kind: "service", name: "x" }));
  });

  it("is case-insensitive: any casing of a valid ref gives the same ref", () => {
    const name = fc.stringMatching(/^[a-zA-Z0-9]{1,10}(-[a-zA-Z0-9]{1,10}){0,3}$/);
    fc.assert(
      fc.property(name, (n) => {
        const a = parseRef(`service:${n}`);
        const b = parseRef(`SERVICE:${n.toUpperCase()}`);
        return a.ok && b.ok && formatRef(a.ref) === formatRef(b.ref);
      }),
    );
  });
});
