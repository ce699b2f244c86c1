import assert from "node:assert/strict";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { gzipSync } from "node:zlib";
import { loadConfig } from "../../platform/config/config.ts";
import { testEngines } from "../../platform/testing/databases.ts";
import { startTestApp, type TestApp } from "../../platform/testing/test-app.ts";
import { duckSql, focusSample, tempDir } from "./cost.test-support.ts";
import { importFocusFiles } from "./import.service.ts";

const sample = readFileSync(focusSample, "utf8");
const lines = sample.split("\n");
const header = (lines[0] ?? "").split(",");
const column = (name: string) => header.indexOf(`"${name}"`);

/** The sample with data row `row` (1-based) changed by `edit`, written to a temp file. */
function variant(dir: string, name: string, edit: ((rows: string[]) => string[]) | string): string {
  const out = typeof edit === "string" ? edit : edit(lines.slice());
  const path = join(dir, name);
  writeFileSync(path, Array.isArray(out) ? out.join("\n") : out);
  return path;
}

/** Replaces one column of one data row; the sample has no commas inside the first columns it edits. */
function setCell(rows: string[], row: number, name: string, value: string): string[] {
  const cells = (rows[row] ?? "").split(",");
  cells[column(name)] = value;
  rows[row] = cells.join(",");
  return rows;
}

for (const engine of testEngines()) {
  describe(`cost import refuses bad files on ${engine.name}`, () => {
    let t: TestApp;
    const data = tempDir("opsdeck-cost-bad-");
    const inputs = tempDir("opsdeck-cost-inputs-");
    let deps: Parameters<typeof importFocusFiles>[0];
    const importOf = (path: string) =>
      importFocusFiles(deps, t.system, [{ path, name: path.split("/").pop() as string }]);
    const nothingImported = async () => {
      const items = (await t.app.inject({ url: "/api/v1/cost/imports", headers: t.as("viewer") })).json()
        .items;
      assert.equal(items.length, 0);
      assert.deepEqual(readdirSync(data.dir), []);
    };
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
      inputs.remove();
    });

    it("names the file, row and column of a non-numeric cost", async () => {
      const path = variant(inputs.dir, "bad-cost.csv", (rows) => setCell(rows, 17, "BilledCost", "12.5x"));
      await assert.rejects(
        importOf(path),
        /bad-cost\.csv row 17: BilledCost "12\.5x" is not a decimal number/,
      );
      await nothingImported();
    });

    it("names the row of a date that is not a date", async () => {
      const path = variant(inputs.dir, "bad-date.csv", (rows) =>
        setCell(rows, 300, "ChargePeriodStart", '"yesterday"'),
      );
      await assert.rejects(
        importOf(path),
        /bad-date\.csv row 300: ChargePeriodStart "yesterday" is not a date-time/,
      );
      await nothingImported();
    });

    it("names the row of Tags that are not a JSON object", async () => {
      // Tags is the last column (its JSON holds commas, so the row is edited from its end).
      const path = variant(inputs.dir, "bad-tags.csv", (rows) => {
        rows[250] = (rows[250] ?? "").replace(/,(NULL|"\{.*\}")$/, ',"team=payments"');
        return rows;
      });
      await assert.rejects(
        importOf(path),
        /bad-tags\.csv row 250: Tags "team=payments" is not a JSON object/,
      );
      await nothingImported();
    });

    it("names the row and column of a NUL character, raw in a stored column or escaped in Tags", async () => {
      // PostgreSQL cannot store U+0000 in the rollup's text: without the check the import was a 500 there.
      const raw = variant(inputs.dir, "nul-region.csv", (rows) => {
        rows[40] = (rows[40] ?? "").replace("us-east-1", "us-east\u0000-1");
        return rows;
      });
      await assert.rejects(
        importOf(raw),
        /nul-region\.csv row 40: RegionId must not hold a NUL character \(U\+0000\)/,
      );
      // Two files of one period (the staged rows are copied, not moved): the second's row is named.
      const escaped = variant(inputs.dir, "nul-tag.csv", (rows) => {
        rows[250] = (rows[250] ?? "").replace(/,(NULL|"\{.*\}")$/, ',"{""team"": ""pay\\u0000ments""}"');
        return rows;
      });
      await assert.rejects(
        importFocusFiles(deps, t.system, [
          { path: focusSample, name: "clean.csv" },
          { path: escaped, name: "nul-tag.csv" },
        ]),
        /nul-tag\.csv row 250: Tags must not hold a NUL character/,
      );
      await nothingImported();
    });

    it("refuses a truncated file with its name", async () => {
      const path = variant(inputs.dir, "truncated.csv", sample.slice(0, Math.floor(sample.length / 2)));
      // Half the sample ends inside row 507 (line 508 with the header).
      await assert.rejects(importOf(path), /truncated\.csv line 508: expected 44 columns, found 2/);
      await nothingImported();
    });

    it("refuses a file with semicolons in some rows", async () => {
      const path = variant(inputs.dir, "delims.csv", (rows) => {
        rows[5] = (rows[5] ?? "").replaceAll(",", ";");
        return rows;
      });
      await assert.rejects(importOf(path), /delims\.csv line 6: expected 44 columns, found 1/);
      await nothingImported();
    });

    it("refuses two currencies in one billing period, naming the first odd row", async () => {
      const path = variant(inputs.dir, "currencies.csv", (rows) =>
        setCell(rows, 42, "BillingCurrency", '"EUR"'),
      );
      await assert.rejects(importOf(path), /currencies\.csv row 42: mixed currencies \(EUR, USD\)/);
      await nothingImported();
    });

    it("refuses a file of another format (JSON) by the FOCUS columns it lacks", async () => {
      const path = join(inputs.dir, "export.json");
      writeFileSync(path, JSON.stringify([{ cost: 1 }, { cost: 2 }]));
      await assert.rejects(
        importOf(path),
        /export\.json: (not a FOCUS export: missing mandatory column|cannot read)/,
      );
      await nothingImported();
    });

    it("refuses a binary file", async () => {
      const path = join(inputs.dir, "picture.csv");
      writeFileSync(
        path,
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0xff, 0xfe, 0x00, 0x01]),
      );
      await assert.rejects(importOf(path), /picture\.csv/);
      await nothingImported();
    });

    it("imports nothing when the second of two files is bad", async () => {
      const good = variant(inputs.dir, "good.csv", (rows) => rows);
      const bad = variant(inputs.dir, "second.csv", (rows) => setCell(rows, 3, "EffectiveCost", '"abc"'));
      await assert.rejects(
        importFocusFiles(deps, t.system, [
          { path: good, name: "good.csv" },
          { path: bad, name: "second.csv" },
        ]),
        /second\.csv row 3: EffectiveCost "abc"/,
      );
      await nothingImported();
    });

    it("reads gzip CSV and Parquet with the same totals as the CSV", async () => {
      // Gzip is recognized by its content, not only by a .gz name.
      const gz = join(inputs.dir, "sample-gzipped.csv");
      writeFileSync(gz, gzipSync(sample));
      const parquet = join(inputs.dir, "sample.parquet");
      await duckSql(
        `COPY (SELECT * FROM read_csv('${focusSample}', nullstr = 'NULL')) TO '${parquet}' (FORMAT parquet)`,
      );
      const fromGz = await importOf(gz);
      const total = async () =>
        (
          await t.app.inject({
            url: "/api/v1/cost/breakdown?from=2024-09-01&to=2024-10-01&metric=billedCost",
            headers: t.as("viewer"),
          })
        ).json().total;
      const gzTotal = await total();
      const fromParquet = await importOf(parquet);
      assert.equal(fromParquet.length, fromGz.length);
      assert.ok(
        fromParquet.every((i) => i.replaced !== null),
        "the Parquet import replaces the gzip one",
      );
      assert.equal(await total(), gzTotal);
    });
  });
}
