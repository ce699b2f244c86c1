import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { Readable } from "node:stream";
import { after, before, describe, it } from "node:test";
import { testEngines } from "../../platform/testing/databases.ts";
import { startTestApp, type TestApp } from "../../platform/testing/test-app.ts";
import { allocationRows, smallExport } from "./cost.fixture.ts";
import { focusSample, tempDir } from "./cost.test-support.ts";
import { receiveUpload, uploadName } from "./upload.ts";

describe("cost upload streaming", () => {
  it("stops a body over the limit with 413 and leaves no temp file behind", async () => {
    const uploads = () => readdirSync(tmpdir()).filter((f) => f.startsWith("opsdeck-cost-upload-")).length;
    const before = uploads();
    const body = Readable.from([Buffer.alloc(600), Buffer.alloc(600)]);
    await assert.rejects(
      receiveUpload(body, "big.csv", 1000),
      (e: { statusCode?: number }) => e.statusCode === 413,
    );
    assert.equal(uploads(), before);
  });

  it("keeps a safe base name with its extension", () => {
    assert.equal(uploadName("../../etc/focus export.csv.gz"), "focus_export.csv.gz");
    assert.throws(() => uploadName(".hidden"), /file name/);
    assert.throws(() => uploadName(undefined), /file name/);
  });
});

for (const engine of testEngines()) {
  describe(`cost upload API on ${engine.name}`, () => {
    let t: TestApp;
    const data = tempDir("opsdeck-cost-api-");
    before(async () => {
      t = await startTestApp(engine, { OPSDECK_COST_DIR: data.dir });
    });
    after(async () => {
      await t.close();
      data.remove();
    });
    const upload = (
      role: "viewer" | "manager",
      url: string,
      payload: string | Buffer,
      headers: Record<string, string> = {},
    ) =>
      t.app.inject({
        method: "POST",
        url,
        headers: { ...t.as(role), "content-type": "text/csv", ...headers },
        payload,
      });

    it("takes a raw FOCUS CSV above the global 1 MiB body limit, named by the query", async () => {
      const body = readFileSync(focusSample);
      // The sample twice (header once): 2,000 rows, some 1.5 MB.
      const bigger = Buffer.concat([body, body.subarray(body.indexOf(10) + 1)]);
      assert.ok(bigger.length > 1024 * 1024);
      const res = await upload("manager", "/api/v1/cost/imports?filename=focus_sample.csv", bigger);
      assert.equal(res.statusCode, 201, res.body);
      const imports = res.json().imports as { rows: number }[];
      assert.equal(
        imports.reduce((a, i) => a + i.rows, 0),
        2000,
      );
      const listed = await t.app.inject({ url: "/api/v1/cost/imports", headers: t.as("viewer") });
      assert.deepEqual(listed.json().items[0].files, ["focus_sample.csv"]);
    });

    it("takes the file name from X-Filename and reports invariant warnings", async () => {
      const rows = allocationRows.map((r) => (r.category === "Purchase" ? { ...r, billed: "5" } : r));
      rows.push({ resource: "res-9", billed: "7", effective: "7", list: "7", unitPrice: "2", quantity: "3" });
      const res = await upload("manager", "/api/v1/cost/imports", smallExport(rows), {
        "x-filename": "small.csv",
      });
      assert.equal(res.statusCode, 201, res.body);
      const [imp] = res.json().imports;
      assert.match(
        imp.warnings.join("\n"),
        /commitment cd-1: used \+ unused cost 4\.5\d* differs from its purchases 5/,
      );
      assert.match(
        imp.warnings.join("\n"),
        /1 row\(s\) where ListCost differs from ListUnitPrice x PricingQuantity/,
      );
    });

    it("answers 400 naming the row of a bad value, and keeps nothing", async () => {
      const before = (await t.app.inject({ url: "/api/v1/cost/imports", headers: t.as("viewer") })).json()
        .items.length;
      const bad = smallExport([{ billed: "ten", effective: "10" }]);
      const res = await upload("manager", "/api/v1/cost/imports?filename=bad.csv", bad);
      assert.equal(res.statusCode, 400, res.body);
      assert.match(res.json().detail, /bad\.csv row 1: BilledCost "ten" is not a decimal number/);
      const after = (await t.app.inject({ url: "/api/v1/cost/imports", headers: t.as("viewer") })).json()
        .items.length;
      assert.equal(after, before);
    });

    it("takes an upload over a real connection (the NUL check does not walk the body stream)", async () => {
      // inject() hands the route a stream without a socket; a real request's stream reaches the socket and
      // the server, a cyclic graph that the request checks once walked until the heap ran out.
      const address = await t.app.listen({ host: "127.0.0.1", port: 0 });
      const res = await fetch(`${address}/api/v1/cost/imports?filename=socket.csv`, {
        method: "POST",
        headers: { ...t.as("manager"), "content-type": "application/x-www-form-urlencoded" },
        body: smallExport(allocationRows),
        signal: AbortSignal.timeout(30_000),
      });
      assert.equal(res.status, 201, await res.text());
    });

    it("wants a file name, a manager and a body", async () => {
      const csv = smallExport(allocationRows);
      assert.equal((await upload("manager", "/api/v1/cost/imports", csv)).statusCode, 400);
      assert.equal((await upload("viewer", "/api/v1/cost/imports?filename=a.csv", csv)).statusCode, 403);
      assert.equal((await upload("manager", "/api/v1/cost/imports?filename=a.csv", "")).statusCode, 400);
    });

    it("validates breakdown parameters with 400s that name the field", async () => {
      const bad = await t.app.inject({
        url: "/api/v1/cost/breakdown?from=2026-10-01&to=2026-09-01",
        headers: t.as("viewer"),
      });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /to/);
      const dim = await t.app.inject({
        url: "/api/v1/cost/breakdown?from=2026-10-01&to=2026-11-01&groupBy=colour",
        headers: t.as("viewer"),
      });
      assert.equal(dim.statusCode, 400);
      assert.match(dim.body, /groupBy/);
    });
  });
}
