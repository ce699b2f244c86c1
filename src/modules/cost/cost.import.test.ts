import assert from "node:assert/strict";
import { existsSync, readdirSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import Big from "big.js";
import { loadConfig } from "../../platform/config/config.ts";
import { testEngines } from "../../platform/testing/databases.ts";
import { startTestApp, type TestApp } from "../../platform/testing/test-app.ts";
import { duckSql, focusFixture, focusSample, tempDir } from "./cost.test-support.ts";
import { importFocusFiles } from "./import.service.ts";

const sampleCsv = `read_csv('${focusSample}', all_varchar = true, nullstr = 'NULL')`;

for (const engine of testEngines()) {
  describe(`cost import of the FOCUS 1.0 sample on ${engine.name}`, () => {
    let t: TestApp;
    const data = tempDir("opsdeck-cost-test-");
    let deps: Parameters<typeof importFocusFiles>[0];
    before(async () => {
      t = await startTestApp(engine, { OPSDECK_COST_DIR: data.dir });
      deps = {
        db: t.database.db,
        config: loadConfig({ OPSDECK_DATABASE_URL: t.database.url, OPSDECK_COST_DIR: data.dir }),
      };
    });
    after(async () => {
      await t.close();
      data.remove();
    });

    it("imports one billing period per provider account, each with its Parquet file", async () => {
      const imports = await importFocusFiles(deps, t.system, [
        { path: focusSample, name: "focus_sample.csv" },
      ]);
      const expected = await duckSql<{ account: string; n: string }>(
        `SELECT "BillingAccountId" AS account, count(*)::VARCHAR AS n FROM ${sampleCsv}
         GROUP BY "BillingAccountId", "BillingPeriodStart" ORDER BY 1, 2`,
      );
      assert.deepEqual(
        imports
          .map((i) => [i.billingAccountId, String(i.rows)])
          .sort((a, b) => a.join().localeCompare(b.join())),
        expected.map((e) => [e.account, e.n]).sort((a, b) => a.join().localeCompare(b.join())),
      );
      assert.equal(readdirSync(data.dir).filter((f) => f.endsWith(".parquet")).length, imports.length);
      const listed = await t.app.inject({ url: "/api/v1/cost/imports", headers: t.as("viewer") });
      assert.equal(listed.json().items.length, imports.length);
    });

    it("reports the billed total of September exactly as DuckDB sums the file", async () => {
      const [expected] = await duckSql<{ total: string }>(
        `SELECT sum("BilledCost"::DECIMAL(38,12))::VARCHAR AS total FROM ${sampleCsv}
         WHERE "ChargePeriodStart"::TIMESTAMP >= '2024-09-01' AND "ChargePeriodStart"::TIMESTAMP < '2024-10-01'`,
      );
      const res = await t.app.inject({
        url: "/api/v1/cost/breakdown?from=2024-09-01&to=2024-10-01&groupBy=serviceName&metric=billedCost",
        headers: t.as("viewer"),
      });
      assert.equal(res.statusCode, 200, res.body);
      const body = res.json();
      assert.equal(body.currency, "USD");
      // Rollups are exact to 10^-9 per day and group; the file carries up to 11 decimals.
      assert.ok(
        new Big(body.total)
          .minus(expected?.total ?? "x")
          .abs()
          .lt("0.000001"),
        `${body.total} vs ${expected?.total}`,
      );
      const rowsSum = body.rows.reduce(
        (a: Big, r: { amount: string }) => a.plus(r.amount),
        new Big(body.unallocated),
      );
      assert.equal(rowsSum.toString(), new Big(body.total).toString());
    });

    it("groups amortized cost by service name like an independent GROUP BY", async () => {
      const expected = await duckSql<{ key: string; amount: string }>(
        `SELECT "ServiceName" AS key, round(sum("EffectiveCost"::DECIMAL(38,12)), 6)::VARCHAR AS amount FROM ${sampleCsv}
         WHERE NOT ("ChargeCategory" = 'Purchase' AND "CommitmentDiscountId" IS NOT NULL)
         GROUP BY 1 HAVING key IS NOT NULL ORDER BY 1`,
      );
      const res = await t.app.inject({
        url: "/api/v1/cost/breakdown?from=2024-09-01&to=2024-10-01&groupBy=serviceName",
        headers: t.as("viewer"),
      });
      const got = new Map<string, string>(
        res.json().rows.map((r: { key: string; amount: string }) => [r.key, r.amount]),
      );
      for (const e of expected) {
        assert.ok(
          new Big(got.get(e.key) ?? "0").minus(e.amount).abs().lt("0.000002"),
          `${e.key}: ${got.get(e.key)} vs ${e.amount}`,
        );
      }
    });

    it("breaks down by a tag from the raw rows", async () => {
      const expected = await duckSql<{ key: string; amount: string }>(
        `SELECT json_extract_string("Tags", '$."environment"') AS key, sum("EffectiveCost"::DECIMAL(38,12))::VARCHAR AS amount
         FROM ${sampleCsv} WHERE "Tags" IS NOT NULL GROUP BY 1 HAVING key IS NOT NULL ORDER BY 1`,
      );
      const res = await t.app.inject({
        url: "/api/v1/cost/breakdown?from=2024-09-01&to=2024-10-01&groupBy=tag:environment",
        headers: t.as("viewer"),
      });
      assert.equal(res.statusCode, 200, res.body);
      const got = new Map<string, string>(
        res.json().rows.map((r: { key: string; amount: string }) => [r.key, r.amount]),
      );
      for (const e of expected)
        assert.ok(new Big(got.get(e.key) ?? "0").minus(e.amount).abs().lt("0.000000001"), e.key);
    });

    it("re-importing the same file replaces its periods instead of doubling them", async () => {
      const before = (
        await t.app.inject({
          url: "/api/v1/cost/breakdown?from=2024-09-01&to=2024-10-01&metric=billedCost",
          headers: t.as("viewer"),
        })
      ).json();
      const again = await importFocusFiles(deps, t.system, [{ path: focusSample, name: "focus_sample.csv" }]);
      assert.ok(again.every((i) => i.replaced !== null));
      const afterwards = (
        await t.app.inject({
          url: "/api/v1/cost/breakdown?from=2024-09-01&to=2024-10-01&metric=billedCost",
          headers: t.as("viewer"),
        })
      ).json();
      assert.equal(afterwards.total, before.total);
      assert.equal(readdirSync(data.dir).filter((f) => f.endsWith(".parquet")).length, again.length);
    });

    it("two imports of the same periods at once both succeed and leave one import per period", async () => {
      const breakdown = async () =>
        (
          await t.app.inject({
            url: "/api/v1/cost/breakdown?from=2024-09-01&to=2024-10-01&metric=billedCost",
            headers: t.as("viewer"),
          })
        ).json().total as string;
      const file = { path: focusSample, name: "focus_sample.csv" };
      await importFocusFiles(deps, t.system, [file]);
      const before = await breakdown();
      const [first, second] = await Promise.all([
        importFocusFiles(deps, t.system, [file]),
        importFocusFiles(deps, t.system, [file]),
      ]);
      assert.equal(first.length, second.length);
      assert.equal(await breakdown(), before);
      const listed = (await t.app.inject({ url: "/api/v1/cost/imports", headers: t.as("viewer") })).json();
      const items = (listed.items ?? listed) as unknown[];
      assert.equal(items.length, first.length, "one import per billing period");
      assert.equal(readdirSync(data.dir).filter((f) => f.endsWith(".parquet")).length, first.length);
    });

    it("names the mandatory columns a spec scenario file lacks and imports nothing", async () => {
      const file = focusFixture(
        "FOCUS_Spec/specification/data/commitment_discount_scenarios/commitment_discount_purchase_scenario_1.csv",
      );
      const count = readdirSync(data.dir).length;
      await assert.rejects(
        importFocusFiles(deps, t.system, [{ path: file, name: "scenario_1.csv" }]),
        /scenario_1\.csv: not a FOCUS export: missing mandatory column\(s\) BillingAccountId, BillingCurrency/,
      );
      assert.equal(readdirSync(data.dir).length, count);
      assert.ok(existsSync(data.dir));
    });

    it("reads the SaaS spec example with US dates, empty values and a missing final newline", async () => {
      const file = focusFixture(
        "FOCUS_Spec/specification/data/saas_examples/spend_agreements/saas_spend_agreements_a2.csv",
      );
      const imports = await importFocusFiles(deps, t.system, [{ path: file, name: "saas.csv" }]);
      const csv = `read_csv('${file}', all_varchar = true)`;
      const periods = await duckSql<{ start: string }>(
        `SELECT DISTINCT strftime(strptime("BillingPeriodStart", '%m/%d/%y'), '%Y-%m-%dT%H:%M:%SZ') AS start FROM ${csv} ORDER BY 1`,
      );
      assert.deepEqual(
        imports.map((i) => i.periodStart).sort(),
        periods.map((p) => p.start),
      );
      assert.ok(imports.every((i) => i.billingAccountId === "000-00-000"));
      // April's charges include a late one billed in a later period: charges count on their own date.
      const [expected] = await duckSql<{ total: string }>(
        `SELECT sum("BilledCost"::DECIMAL(38,12))::VARCHAR AS total FROM ${csv}
         WHERE strptime("ChargePeriodStart", '%m/%d/%y') >= '2025-04-01' AND strptime("ChargePeriodStart", '%m/%d/%y') < '2025-05-01'`,
      );
      const res = await t.app.inject({
        url: "/api/v1/cost/breakdown?from=2025-04-01&to=2025-05-01&groupBy=serviceName&metric=billedCost",
        headers: t.as("viewer"),
      });
      assert.equal(new Big(res.json().total).toString(), new Big(expected?.total ?? "x").toString());
    });

    it("finds the spec's commitment-flexibility example consistent, and warns when its usage rows are missing", async () => {
      const spec = focusFixture(
        "FOCUS_Spec/specification/data/commitment_discount_flexibility/one_hundred_percent_utilization_with_commitment_discount_flexibility_with_2_resources.csv",
      );
      // The spec example leaves out columns opsdeck needs; they are added around its own rows.
      const complete = (path: string, where: string) =>
        duckSql(`COPY (SELECT *, 'spec-account' AS BillingAccountId, 'USD' AS BillingCurrency, 'Example' AS ProviderName,
            'Compute' AS ServiceName, BilledCost AS ContractedCost
          FROM read_csv('${spec}', all_varchar = true, nullstr = 'null') ${where}) TO '${path}' (HEADER)`);
      const inputs = tempDir("opsdeck-cost-spec-");
      const whole = `${inputs.dir}/spec-flex.csv`;
      await complete(whole, "");
      const [ok] = await importFocusFiles(deps, t.system, [{ path: whole, name: "spec-flex.csv" }]);
      assert.deepEqual(ok?.warnings, []);
      const partial = `${inputs.dir}/spec-flex-partial.csv`;
      await complete(partial, "WHERE ChargeCategory = 'Purchase'");
      const [warned] = await importFocusFiles(deps, t.system, [
        { path: partial, name: "spec-flex-partial.csv" },
      ]);
      inputs.remove();
      assert.match(
        warned?.warnings.join("\n") ?? "",
        /commitment <my-commitment-discount-id>: used \+ unused cost 0 differs from its purchases 2/,
      );
    });
  });
}
