import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import type { ActionContext } from "../../../platform/context.ts";
import { InputError } from "../../../platform/errors.ts";
import { applyDocuments } from "../../../platform/manifests/apply.ts";
import { type LoadedDocument, parseManifestText } from "../../../platform/manifests/load.ts";
import { type Engine, type TestDatabase, testEngines } from "../../../platform/testing/databases.ts";
import { FakeClock } from "../../../platform/testing/fake-clock.ts";
import { manifestRegistry } from "../../registry.ts";
import { findSlo } from "../slo.repository.ts";
import { expected } from "./openslo.fixtures.expected.ts";

const root = fileURLToPath(new URL("../../../../../shared/fixtures/openslo", import.meta.url));

function fixtureFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((e) => {
      const p = join(dir, e);
      return statSync(p).isDirectory() ? fixtureFiles(p) : /\.ya?ml$/.test(e) ? [p] : [];
    });
}

/** Each file as `opsdeck apply` reads it (the SDK's YAML lists of objects give one document per item). */
function documentsOf(file: string, rel: string): LoadedDocument[] {
  return parseManifestText(readFileSync(file, "utf8"), rel).documents;
}

function suite(engine: Engine) {
  describe(`OpenSLO fixtures on ${engine.name}`, () => {
    let database: TestDatabase;
    const ctx: ActionContext = {
      actor: { type: "system", label: "test" },
      requestId: null,
      clock: new FakeClock(),
    };
    before(async () => {
      database = await engine.create();
    });
    after(() => database.drop());

    it("applies or refuses every fixture, naming the field it refuses", async () => {
      const files = fixtureFiles(root);
      assert.ok(files.length >= 53, `found ${files.length} fixtures`);
      for (const file of files) {
        const rel = relative(root, file);
        const want = expected[rel];
        assert.ok(want, `no expectation for ${rel}`);
        const run = applyDocuments(database.db, ctx, documentsOf(file, rel), manifestRegistry(), {
          dryRun: false,
          prune: false,
        });
        if ("applies" in want) {
          const changes = await run;
          assert.deepEqual(
            changes.map((c) => `${c.kind}/${c.name}`),
            want.applies,
            rel,
          );
          continue;
        }
        await assert.rejects(run, (e) => {
          assert.ok(e instanceof InputError, rel);
          const issue = e.issues.find((i) => i.path === want.refused);
          assert.ok(issue, `${rel}: expected an issue at ${want.refused}, got ${JSON.stringify(e.issues)}`);
          assert.match(issue.message, want.says, rel);
          return true;
        });
      }
    });

    it("translates windows, budgeting methods and sources as OpenSLO means them", async () => {
      const web = await findSlo(database.db.read, "web-availability");
      assert.deepEqual(web?.def.window, {
        kind: "calendar",
        unit: "week",
        timeZone: "America/New_York",
        anchor: "2022-01-01T12:00:00",
      });
      assert.deepEqual(
        [web?.def.budgetingMethod, web?.def.timesliceTarget, web?.def.timesliceMinutes],
        ["Timeslices", 0.95, 1],
      );
      assert.equal(web?.def.indicator.kind, "prometheus");
      const main = await findSlo(database.db.read, "main-page");
      assert.deepEqual(
        [main?.def.window, main?.def.budgetingMethod, main?.def.indicator],
        [{ kind: "rolling", days: 14 }, "RatioTimeslices", { kind: "events" }],
      );
      const ds = await database.db.read
        .selectFrom("slo_openslo_objects")
        .select("spec_json")
        .where("name", "=", "test-data-source")
        .executeTakeFirstOrThrow();
      assert.ok(!ds.spec_json.includes('secretAccessKey":"secretAccessKey'), "credentials are not stored");
    });

    it("resolves an indicatorRef to an SLI applied with it", async () => {
      const yaml = `
apiVersion: openslo/v1
kind: SLI
metadata: { name: checkout-ok }
spec:
  ratioMetric:
    counter: true
    bad: { metricSource: { type: Prometheus, spec: { query: 'sum(rate(http_requests_total{code=~"5.."}[1m]))' } } }
    total: { metricSource: { type: Prometheus, spec: { query: 'sum(rate(http_requests_total[1m]))' } } }
---
apiVersion: openslo/v1
kind: SLO
metadata: { name: checkout-ref }
spec:
  service: checkout
  indicatorRef: checkout-ok
  timeWindow: [{ duration: 28d, isRolling: true }]
  budgetingMethod: Occurrences
  objectives: [{ target: 0.995 }]
`;
      const { documents } = parseManifestText(yaml, "ref.yaml");
      await applyDocuments(database.db, ctx, documents, manifestRegistry(), { dryRun: false, prune: false });
      const slo = await findSlo(database.db.read, "checkout-ref");
      assert.deepEqual(slo?.def.indicator, {
        kind: "prometheus",
        bad: 'sum(rate(http_requests_total{code=~"5.."}[1m]))',
        total: "sum(rate(http_requests_total[1m]))",
      });
      assert.deepEqual([slo?.def.objective, slo?.def.window], [0.995, { kind: "rolling", days: 28 }]);
    });
  });
}

for (const engine of testEngines()) suite(engine);
