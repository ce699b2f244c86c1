import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";

describe("package-lock.json", () => {
  it("lists every optional platform package of Biome, or npm ci refuses it (docs/adr/0006)", () => {
    const lock = JSON.parse(readFileSync(new URL("../../../package-lock.json", import.meta.url), "utf8"));
    const optional = Object.keys(lock.packages["node_modules/@biomejs/biome"]?.optionalDependencies ?? {});
    assert.ok(optional.length > 0);
    const missing = optional.filter((dep) => !lock.packages[`node_modules/${dep}`]);
    assert.deepEqual(missing, [], "run npm run lock:complete");
  });
});
