import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { describeVariables } from "./config.ts";

describe("README", () => {
  const readme = readFileSync(new URL("../../../README.md", import.meta.url), "utf8");
  it("documents every configuration variable", () => {
    for (const { name } of describeVariables())
      assert.ok(readme.includes(`\`${name}\``), `${name} is missing from README.md`);
  });
  it("starts with the two commands a newcomer needs", () => {
    const top = readme.split("\n").slice(0, 15).join("\n");
    assert.match(top, /npm ci && npm start/);
    assert.match(top, /npm test/);
  });
});
