import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { newId } from "./ids.ts";

describe("newId", () => {
  it("is a UUIDv7 carrying the given instant in its first 48 bits", () => {
    const at = new Date("2026-11-22T10:15:30.123Z");
    const id = newId(at);
    assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(Number.parseInt(id.replaceAll("-", "").slice(0, 12), 16), at.getTime());
  });

  it("never repeats across many pool refills, and sorts by time across milliseconds", () => {
    const at = new Date("2026-11-22T10:15:30.123Z");
    const ids = Array.from({ length: 10_000 }, () => newId(at));
    assert.equal(new Set(ids).size, ids.length);
    const later = newId(new Date(at.getTime() + 1));
    assert.ok(ids.every((id) => id < later));
  });
});
