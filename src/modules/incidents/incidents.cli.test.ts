import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { type TestDatabase, testEngines } from "../../platform/testing/databases.ts";

const root = fileURLToPath(new URL("../../../", import.meta.url));

for (const engine of testEngines()) {
  describe(`opsdeck incident and integration CLI on ${engine.name}`, () => {
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
    });
    after(() => database.drop());

    it("declares, lists, shows, acknowledges and resolves", () => {
      const declared = cli(
        "incident",
        "declare",
        "--title",
        "Vault sealed",
        "--severity",
        "SEV1",
        "--service",
        "vault",
        "--json",
      );
      assert.equal(declared.code, 0, declared.err);
      assert.equal(JSON.parse(declared.out).number, 1);
      const table = cli("incident", "list", "--status", "open");
      assert.match(table.out, /^NUMBER\s+SEVERITY\s+STATUS/);
      assert.match(table.out, /1\s+SEV1\s+triggered\s+vault/);
      assert.match(cli("incident", "ack", "1").out, /#1 is acknowledged/);
      assert.match(cli("incident", "resolve", "#1", "--note", "unsealed").out, /#1 is resolved/);
      const shown = JSON.parse(cli("incident", "show", "1", "--json").out);
      assert.deepEqual(
        shown.timeline.map((e: { kind: string }) => e.kind),
        ["incident.triggered", "incident.acknowledged", "incident.resolved"],
      );
      const missing = cli("incident", "ack", "99");
      assert.equal(missing.code, 1);
      assert.match(missing.err, /no incident '99'/);
    });

    it("lists and shows integrations applied from a manifest", () => {
      const applied = cli("apply", "-f", "demo/20-alerting.yaml");
      assert.equal(applied.code, 0, applied.err);
      const list = JSON.parse(cli("integration", "list", "--json").out);
      assert.ok(
        list.items.some(
          (i: { name: string; type: string }) => i.name === "prometheus-prod" && i.type === "alertmanager",
        ),
      );
      const shown = cli("integration", "show", "prometheus-prod");
      assert.match(shown.out, /url: http.*\/api\/v1\/integrations\/prometheus-prod\/alertmanager/);
      assert.match(shown.out, /key: odi_/);
      assert.match(shown.out, /alertname=~"Postgres\.\*"/);
      assert.match(cli("apply", "-f", "demo/20-alerting.yaml").out, /0 to create, 0 to update/);
    });
  });
}
