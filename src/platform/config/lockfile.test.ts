import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";

const lock = JSON.parse(readFileSync(new URL("../../../package-lock.json", import.meta.url), "utf8"));

describe("package-lock.json", () => {
  for (const parent of ["@biomejs/biome", "@duckdb/node-bindings"]) {
    it(`lists every optional platform package of ${parent}, or npm ci refuses it (docs/adr/0006)`, () => {
      const optional = Object.keys(lock.packages[`node_modules/${parent}`]?.optionalDependencies ?? {});
      assert.ok(optional.length > 0);
      const missing = optional.filter((dep) => !lock.packages[`node_modules/${dep}`]);
      assert.deepEqual(missing, [], "run npm run lock:complete");
    });
  }
});
