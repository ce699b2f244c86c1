import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { testEngines } from "../platform/testing/databases.ts";
import { startTestApp, type TestApp } from "../platform/testing/test-app.ts";
import { seedDemo } from "./demo.ts";

/**
 * The demo seeds data relative to today. On the first day of a month "this month" has no day of bill yet:
 * the demo must still hold the history its pages need (the cost anomaly needs five weeks of baseline).
 */
for (const engine of testEngines()) {
  describe(`opsdeck demo on the first day of a month (${engine.name})`, () => {
    let t: TestApp;
    const dir = mkdtempSync(join(tmpdir(), "opsdeck-demo-"));
    before(async () => {
      t = await startTestApp(engine, { OPSDECK_COST_DIR: dir });
      t.clock.set("2027-03-01T08:00:00.000Z");
      await seedDemo(t.database.db, t.system);
    });
    after(async () => {
      await t.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it("shows a cost anomaly with its drivers and the alert it raised", async () => {
      const res = await t.app.inject({
        method: "GET",
        url: "/api/v1/cost/anomalies?from=2027-01-01&to=2027-03-01",
        headers: t.as("viewer"),
      });
      assert.equal(res.statusCode, 200, res.body);
      const { items } = res.json() as {
        items: { day: string; drivers: { resourceName: string }[]; alertId: string | null }[];
      };
      const spike = items.find((a) => a.drivers.some((d) => d.resourceName.startsWith("gpu-train")));
      assert.ok(spike, `no anomaly driven by the demo's GPU spike among ${items.length}`);
      assert.ok(spike.day < "2027-03-01", `anomaly dated ${spike.day}, after the demo's last billed day`);
      assert.notEqual(spike.alertId, null);
    });
  });
}
