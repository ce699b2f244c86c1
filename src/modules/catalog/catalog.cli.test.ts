import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { type TestDatabase, testEngines } from "../../platform/testing/databases.ts";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const examples = "../shared/fixtures/backstage/packages/catalog-model/examples";

for (const engine of testEngines()) {
  describe(`opsdeck catalog CLI on ${engine.name}`, () => {
    let database: TestDatabase;
    const cli = (...args: string[]) => {
      const r = spawnSync(process.execPath, ["bin/opsdeck.js", ...args], {
        cwd: root,
        env: {
          PATH: process.env.PATH ?? "",
          OPSDECK_DATABASE_URL: database.url,
          OPSDECK_LOG_LEVEL: "silent",
        },
        encoding: "utf8",
      });
      return { code: r.status, out: r.stdout, err: r.stderr };
    };
    before(async () => {
      database = await engine.create();
      const applied = cli("apply", "-f", `${examples}/all.yaml`, "-f", `${examples}/acme-corp.yaml`);
      assert.equal(applied.code, 0, applied.err);
      assert.match(applied.out, /56 to create/);
    });
    after(() => database.drop());

    it("applies twice with nothing to change", () => {
      const again = cli("apply", "-f", `${examples}/all.yaml`, "-f", `${examples}/acme-corp.yaml`);
      assert.match(again.out, /0 to create, 0 to update, 56 unchanged/);
    });

    it("lists with filters, as a table and as JSON", () => {
      const table = cli("catalog", "list", "service", "--owner", "team-a");
      assert.equal(table.code, 0, table.err);
      assert.match(table.out, /^NAME\s+DISPLAYNAME\s+OWNER/);
      assert.match(table.out, /wayback-search/);
      assert.match(table.out, /5 of 5/);
      const json = JSON.parse(
        cli("catalog", "list", "service", "--search", "wayback", "--limit", "2", "--json").out,
      );
      assert.deepEqual(
        [json.items.map((i: { name: string }) => i.name), json.total],
        [["wayback-archive", "wayback-archive-ingestion"], 4],
      );
    });

    it("shows an entity with its neighbours and scorecard", () => {
      const shown = cli("catalog", "show", "service:wayback-search");
      assert.equal(shown.code, 0, shown.err);
      assert.match(shown.out, /owner\s+group:team-a/);
      assert.match(shown.out, /needs\s+api:wayback-archive \(consumesApi\)/);
      assert.match(shown.out, /fail\s+bronze Tier set/);
      const missing = cli("catalog", "show", "service", "nope");
      assert.equal(missing.code, 1);
      assert.match(missing.err, /no service named 'nope'/);
    });

    it("answers impact and dependencies", () => {
      const impact = JSON.parse(cli("catalog", "impact", "resource", "artists-db", "--json").out);
      assert.deepEqual(
        impact.dependents.map((d: { kind: string; name: string }) => `${d.kind}:${d.name}`),
        ["system:artist-engagement-portal", "domain:artists", "domain:audio"],
      );
      const deps = cli("catalog", "impact", "service", "wayback-search", "--dependencies", "--depth", "2");
      assert.match(deps.out, /^DEPTH\s+KIND\s+NAME/);
      assert.match(deps.out, /2\s+service\s+wayback-archive/);
      assert.match(deps.out, /stopped at depth 2/);
      const usage = cli("catalog", "impact", "widget", "x");
      assert.equal(usage.code, 2);
    });
  });
}
