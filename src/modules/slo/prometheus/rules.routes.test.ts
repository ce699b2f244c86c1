import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { testEngines } from "../../../platform/testing/databases.ts";
import { startTestApp, type TestApp } from "../../../platform/testing/test-app.ts";
import { insertSloRow, prometheusSlo } from "./rules.fixture.ts";

const run = promisify(execFile);
const repoRoot = fileURLToPath(new URL("../../../../", import.meta.url));

for (const engine of testEngines()) {
  describe(`SLO Prometheus API and CLI (${engine.name})`, () => {
    let t: TestApp;
    let dir = "";
    before(async () => {
      t = await startTestApp(engine);
      dir = await mkdtemp(join(tmpdir(), "opsdeck-slo-rules-api-"));
      await insertSloRow(t.database.db, prometheusSlo(), t.clock.now());
      await insertSloRow(
        t.database.db,
        prometheusSlo({ name: "pushed", indicator: { kind: "events" } }),
        t.clock.now(),
      );
    });
    after(async () => {
      await t.close();
      await rm(dir, { recursive: true, force: true });
    });

    it("serves the rule file as YAML to viewers, and promtool accepts it", async () => {
      const res = await t.app.inject({
        url: "/api/v1/slos/rules?format=prometheus",
        headers: t.as("viewer"),
      });
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers["content-type"]), /^application\/yaml/);
      assert.match(res.body, /record: slo:sli_error:ratio_rate5m/);
      assert.match(res.body, /slo: checkout-availability/);
      assert.doesNotMatch(res.body, /pushed/);
      await writeFile(join(dir, "api.yaml"), res.body);
      const { stdout, stderr } = await run("/usr/bin/promtool", ["check", "rules", join(dir, "api.yaml")]);
      // 7 burn-rate windows + the 28-day period, events over the 4 long alert windows (low-traffic guard),
      // 6 meta rules, 2 alerts (page, ticket).
      assert.match(stdout + stderr, /SUCCESS: 20 rules found/);
    });

    it("refuses an unknown format, naming the parameter", async () => {
      const res = await t.app.inject({ url: "/api/v1/slos/rules?format=sloth", headers: t.as("viewer") });
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /format/);
    });

    it("tells where an SLO's Prometheus source stands, 404 for an unknown SLO", async () => {
      const known = await t.app.inject({
        url: "/api/v1/slos/checkout-availability/prometheus",
        headers: t.as("viewer"),
      });
      assert.equal(known.statusCode, 200);
      assert.deepEqual(known.json(), { evaluatedThrough: null, lastSuccessAt: null, lastError: null });
      const unknown = await t.app.inject({ url: "/api/v1/slos/nope/prometheus", headers: t.as("viewer") });
      assert.equal(unknown.statusCode, 404);
    });

    it("refuses at apply a query that cannot be an event count, naming file, line and field", async () => {
      const manifest = [
        "apiVersion: opsdeck.dev/v1",
        "kind: SLO",
        "metadata: { name: gauge-slo }",
        "spec:",
        "  service: checkout",
        "  objective: 0.99",
        "  window: { rolling: 28d }",
        "  indicator:",
        "    prometheus:",
        '      bad: "avg(queue_depth)"',
        "      total: http_requests_total",
        "",
      ].join("\n");
      const res = await t.app.inject({
        method: "POST",
        url: "/api/v1/apply?file=slos.yaml",
        headers: { ...t.as("manager"), "content-type": "application/yaml", "x-opsdeck-request": "1" },
        payload: manifest,
      });
      assert.equal(res.statusCode, 400, res.body);
      const problem = res.json() as {
        errors: { path: string; message: string; file?: string; line?: number }[];
      };
      const issue = problem.errors.find((e) => e.path.endsWith("indicator.prometheus.bad"));
      assert.ok(issue, res.body);
      assert.match(issue.message, /must be a counter/);
      assert.equal(issue.file, "slos.yaml");
      assert.equal(issue.line, 10);
      const after = await t.app.inject({ url: "/api/v1/slos/rules", headers: t.as("viewer") });
      assert.doesNotMatch(after.body, /gauge-slo/);
    });

    it("writes the same file with `opsdeck slo rules --out`", async () => {
      const out = join(dir, "cli.yaml");
      await run(
        process.execPath,
        [join(repoRoot, "bin/opsdeck.js"), "slo", "rules", "--format", "prometheus", "--out", out],
        {
          cwd: repoRoot,
          env: { ...process.env, OPSDECK_DATABASE_URL: t.database.url, OPSDECK_LOG_LEVEL: "warn" },
        },
      );
      const api = await t.app.inject({ url: "/api/v1/slos/rules", headers: t.as("viewer") });
      assert.equal(await readFile(out, "utf8"), api.body);
      // --url: from a running server with an API token, as a CI pipeline would.
      const address = await t.app.listen({ port: 0, host: "127.0.0.1" });
      const remote = await run(
        process.execPath,
        [join(repoRoot, "bin/opsdeck.js"), "slo", "rules", "--url", address],
        {
          cwd: repoRoot,
          env: { PATH: process.env.PATH ?? "", OPSDECK_TOKEN: t.tokens.viewer, OPSDECK_LOG_LEVEL: "silent" },
        },
      );
      assert.equal(remote.stdout, api.body);
      await assert.rejects(
        run(process.execPath, [join(repoRoot, "bin/opsdeck.js"), "slo", "rules", "--format", "sloth"], {
          cwd: repoRoot,
          env: { ...process.env, OPSDECK_DATABASE_URL: t.database.url },
        }),
        (e: { stderr?: string }) => /--format sloth is not supported/.test(e.stderr ?? ""),
      );
    });
  });
}
