import assert from "node:assert/strict";
import { execFile, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { type TestDatabase, testEngines } from "../../platform/testing/databases.ts";
import { startTestApp, type TestApp } from "../../platform/testing/test-app.ts";

const run = promisify(execFile);
const root = fileURLToPath(new URL("../../../", import.meta.url));

for (const engine of testEngines()) {
  describe(`opsdeck incidents import, kpis and report monthly CLI on ${engine.name}`, () => {
    let database: TestDatabase;
    let dir: string;
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
      dir = mkdtempSync(join(tmpdir(), "opsdeck-kpis-cli-"));
      writeFileSync(
        join(dir, "world.yaml"),
        "apiVersion: opsdeck.dev/v1\nkind: Service\nmetadata: { name: checkout }\nspec: {}\n",
      );
      assert.equal(cli("apply", "-f", join(dir, "world.yaml")).code, 0);
    });
    after(async () => {
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    });

    it("imports all or nothing, printing each bad row and column", () => {
      const header = "title,service,severity,triggeredAt,acknowledgedAt,resolvedAt";
      const bad = join(dir, "bad.csv");
      writeFileSync(
        bad,
        `${header}\nA,checkout,SEV1,2026-10-01T10:00:00Z,,2026-10-01T09:00:00Z\nB,nope,SEV2,2026-10-02T10:00:00Z,,\n`,
      );
      const refused = cli("incidents", "import", bad);
      assert.equal(refused.code, 1);
      assert.match(refused.err, /row 2, column resolvedAt: is before triggeredAt/);
      assert.match(refused.err, /row 3, column service: unknown service 'nope'/);
      const good = join(dir, "good.csv");
      writeFileSync(
        good,
        `${header}\nA,checkout,SEV1,2026-10-01T10:00:00Z,2026-10-01T10:02:00Z,2026-10-01T10:30:00Z\n`,
      );
      const imported = cli("incidents", "import", good);
      assert.equal(imported.code, 0, imported.err);
      assert.match(imported.out, /imported 1 incidents as #1-#1/);
    });

    it("prints KPIs and writes the monthly report; a month that does not exist is refused", () => {
      const kpis = cli("kpis", "--from", "2026-10-01T00:00:00Z", "--to", "2026-11-01T00:00:00Z", "--json");
      assert.equal(kpis.code, 0, kpis.err);
      const mtta = JSON.parse(kpis.out).kpis.find((k: { name: string }) => k.name === "mtta");
      assert.deepEqual(
        mtta.groups.map((g: { key: string; mean: number }) => [g.key, g.mean]),
        [["SEV1", 120]],
      );
      const out = join(dir, "review.md");
      assert.equal(cli("report", "monthly", "--month", "2026-10", "--format", "md", "--out", out).code, 0);
      assert.match(readFileSync(out, "utf8"), /\| MTTA \| 2m \| 2m \| 1 \|/);
      if (engine.name === "sqlite") {
        const bad = cli("report", "monthly", "--month", "2026-13");
        assert.notEqual(bad.code, 0);
        assert.match(bad.err, /month.*01-12/);
      }
    });
  });
}

for (const engine of testEngines()) {
  describe(`opsdeck report monthly --url on ${engine.name}`, () => {
    let t: TestApp;
    let address: string;
    const remote = (token: string, ...args: string[]) =>
      run(process.execPath, ["bin/opsdeck.js", "report", "monthly", "--url", address, ...args], {
        cwd: root,
        env: { PATH: process.env.PATH ?? "", OPSDECK_TOKEN: token, OPSDECK_LOG_LEVEL: "silent" },
      });
    before(async () => {
      t = await startTestApp(engine);
      address = await t.app.listen({ port: 0, host: "127.0.0.1" });
    });
    after(() => t.close());

    it("prints the running server's report, and its refusal with the reason", async () => {
      const api = await t.app.inject({
        url: "/api/v1/reports/monthly?month=2026-10&format=md",
        headers: t.as("viewer"),
      });
      assert.equal(api.statusCode, 200);
      const printed = await remote(t.tokens.viewer, "--month", "2026-10", "--format", "md");
      assert.equal(printed.stdout, api.body);
      await assert.rejects(remote("not-a-token", "--month", "2026-10"), (e: { stderr?: string }) =>
        /401 .*: /.test(e.stderr ?? ""),
      );
    });
  });
}
