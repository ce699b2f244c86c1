import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { loadManifestPaths, manifestFiles } from "../../platform/manifests/load.ts";

const location = (name: string, targets: string[]) =>
  `apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata: { name: ${name} }\nspec:\n  targets:\n${targets.map((t) => `    - ${t}`).join("\n")}\n`;

describe("Backstage Locations in opsdeck apply", () => {
  const dir = mkdtempSync(join(tmpdir(), "opsdeck-locations-"));
  after(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, "sub"));
  writeFileSync(
    join(dir, "a.yaml"),
    location("a", ["./sub/b.yaml", "https://example.com/catalog-info.yaml"]),
  );
  writeFileSync(join(dir, "sub", "b.yaml"), location("b", ["../a.yaml", "./c.yaml"]));
  writeFileSync(
    join(dir, "sub", "c.yaml"),
    "apiVersion: backstage.io/v1alpha1\nkind: API\nmetadata: { name: c }\nspec:\n  type: openapi\n  owner: x\n  definition:\n    $text: ./c.oas.yaml\n",
  );
  writeFileSync(join(dir, "sub", "c.oas.yaml"), "openapi: 3.1.0\n");
  writeFileSync(join(dir, "broken.yaml"), location("broken", ["./nowhere.yaml"]));

  it("follows targets relative to their file, each file once (a loop stops), and reads local $text", () => {
    const { documents, issues, notes } = loadManifestPaths([join(dir, "a.yaml")], dir);
    assert.deepEqual(issues, []);
    assert.deepEqual(
      documents.map((d) => d.file),
      ["a.yaml", join("sub", "b.yaml"), join("sub", "c.yaml")],
    );
    const api = documents[2]?.value as { spec: { definition: unknown } };
    assert.equal(api.spec.definition, "openapi: 3.1.0\n");
    assert.equal(notes.length, 1);
    assert.match(notes[0] ?? "", /a\.yaml document 1: spec\.targets\.1: https:\/\/example\.com/);
    assert.deepEqual(manifestFiles([join(dir, "a.yaml")]).length, 3);
  });

  it("reports a target that does not exist, naming file, document, line and field", () => {
    const { issues } = loadManifestPaths([join(dir, "broken.yaml")], dir);
    assert.equal(issues.length, 1);
    assert.deepEqual(
      [issues[0]?.file, issues[0]?.document, issues[0]?.line, issues[0]?.path],
      ["broken.yaml", 1, 6, "spec.targets.0"],
    );
    assert.match(issues[0]?.message ?? "", /does not exist/);
  });
});
