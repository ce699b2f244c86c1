import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { type TestDatabase, testEngines } from "../../platform/testing/databases.ts";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "opsdeck-slo-cli-"));

/** 30 minutes ending at the last whole minute, 100 events each, 2 failing in each of the last 10. */
function eventsFile(): string {
  const now = Math.floor(Date.now() / 60_000) * 60_000;
  const events = Array.from({ length: 30 }, (_, i) => ({
    start: new Date(now - (30 - i) * 60_000).toISOString(),
    good: i >= 20 ? 98 : 100,
    total: 100,
  }));
  const file = join(dir, "events.json");
  writeFileSync(file, JSON.stringify({ events }));
  return file;
}

for (const engine of testEngines()) {
  describe(`opsdeck slo CLI on ${engine.name}`, () => {
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
      const manifest = join(dir, "slo.yaml");
      writeFileSync(
        manifest,
        "apiVersion: opsdeck.dev/v1\nkind: SLO\nmetadata: { name: api-availability }\nspec:\n  service: api\n  objective: 0.99\n  window: { rolling: 28d }\n  indicator: { events: {} }\n",
      );
      const applied = cli("apply", "-f", manifest);
      assert.equal(applied.code, 0, applied.err);
    });
    after(() => database.drop());

    it("pushes a file of minutes, then shows status and list", () => {
      const pushed = cli("slo", "push", "api-availability", eventsFile());
      assert.equal(pushed.code, 0, pushed.err);
      assert.match(pushed.out, /30 minute\(s\) stored/);
      const status = JSON.parse(cli("slo", "status", "api-availability", "--json").out);
      // 20 bad of 3000: SLI 0.99333..., budget 1% of 3000 = 30, 20 consumed.
      assert.ok(Math.abs(status.sli - 2980 / 3000) < 1e-12);
      assert.deepEqual([status.errorBudget.total, status.errorBudget.consumed], [30, 20]);
      const table = cli("slo", "status", "api-availability");
      assert.match(table.out, /SLI 99\.333%\s+objective 99\.000%/);
      assert.match(table.out, /WINDOW\s+BURNRATE/);
      const list = JSON.parse(cli("slo", "list", "--json").out);
      assert.deepEqual(
        list.items.map((i: { name: string; window: string }) => [i.name, i.window]),
        [["api-availability", "28d rolling"]],
      );
    });

    it("refuses a bad file naming the field, and pushing the same minutes twice as out of order", () => {
      const bad = join(dir, "bad.json");
      writeFileSync(bad, JSON.stringify({ events: [{ start: "2026-01-01T00:00:00Z", good: 5, total: -1 }] }));
      const refused = cli("slo", "push", "api-availability", bad);
      assert.equal(refused.code, 1);
      assert.match(refused.err, /bad\.json: events\.0\.total: must not be negative/);
      const again = cli("slo", "push", "api-availability", join(dir, "events.json"));
      assert.equal(again.code, 1);
      assert.match(again.err, /events\[0\]\.start: out of order/);
      assert.equal(cli("slo", "status").code, 2, "a missing name is a usage error");
    });
  });
}
