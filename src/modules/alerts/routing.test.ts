import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { groupKeyOf } from "./routing.ts";

describe("groupKeyOf", () => {
  it("groups by the alert's own labels: a missing label is empty, whatever its name", () => {
    assert.equal(
      groupKeyOf("api", ["alertname", "constructor"], { alertname: "Down" }),
      "api|alertname=Down,constructor=",
    );
    assert.equal(groupKeyOf("api", ["toString"], { toString: "x" }), "api|toString=x");
  });

  it("hashes a key too long for the index, keeping the service readable", () => {
    const key = groupKeyOf("api", ["instance"], { instance: "h".repeat(400) });
    assert.match(key, /^api\|#[0-9a-f]{64}$/);
  });
});
