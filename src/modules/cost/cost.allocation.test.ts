import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import Big from "big.js";
import { loadConfig } from "../../platform/config/config.ts";
import { type JobHandler, Worker } from "../../platform/jobs/index.ts";
import { testEngines } from "../../platform/testing/databases.ts";
import { startTestApp, type TestApp } from "../../platform/testing/test-app.ts";
import { allocationManifests, allocationRows, writeExport } from "./cost.fixture.ts";
import { tempDir } from "./cost.test-support.ts";
import { importFocusFiles } from "./import.service.ts";
import { topResources } from "./parquet.query.ts";
import { costJobHandlers, watchJobType } from "./reallocate.ts";

const october = "from=2026-10-01&to=2026-11-01";

for (const engine of testEngines()) {
  describe(`cost allocation on ${engine.name}`, () => {
    let t: TestApp;
    const data = tempDir("opsdeck-cost-alloc-");
    let deps: Parameters<typeof importFocusFiles>[0];
    const get = async (url: string) => {
      const res = await t.app.inject({ url, headers: t.as("viewer") });
      assert.equal(res.statusCode, 200, res.body);
      return res.json();
    };
    const apply = async (yaml: string) => {
      const res = await t.app.inject({
        method: "POST",
        url: "/api/v1/apply",
        headers: { ...t.as("manager"), "content-type": "application/yaml" },
        payload: yaml,
      });
      assert.equal(res.statusCode, 200, res.body);
    };
    const byKey = (rows: { key: string; amount: string }[]): Record<string, string> =>
      Object.fromEntries(rows.map((r) => [r.key, r.amount]));

    before(async () => {
      t = await startTestApp(engine, { OPSDECK_COST_DIR: data.dir });
      const config = loadConfig({ OPSDECK_DATABASE_URL: t.database.url, OPSDECK_COST_DIR: data.dir });
      deps = { db: t.database.db, config };
      await apply(allocationManifests(["team", "Team", "user:team"]));
      const file = writeExport(data.dir, "small.csv", allocationRows);
      const [summary] = await importFocusFiles(deps, t.system, [{ path: file, name: "small.csv" }]);
      assert.deepEqual(summary?.warnings, []);
    });
    after(async () => {
      await t.close();
      data.remove();
    });

    it("allocates amortized cost by the first tag key present, the catalog and the shared-account rule", async () => {
      const body = await get(`/api/v1/cost/breakdown?${october}&groupBy=team`);
      // payments: 10 (tag " Payments ") + 5 (service tag -> catalog owner); search: 20 + 4 (commitment
      // used, on day 2). The shared account's 6 (day 1) splits by day 1's direct spend: 15 vs 20.
      const shared = new Big(6);
      const payments = new Big(15).plus(shared.times(15).div(35));
      const search = new Big(24).plus(shared.times(20).div(35));
      const rows = byKey(body.rows) as Record<string, string>;
      assert.ok(new Big(rows.payments ?? "x").minus(payments).abs().lt("0.000000002"), rows.payments);
      assert.ok(new Big(rows.search ?? "x").minus(search).abs().lt("0.000000002"), rows.search);
      assert.equal(body.unallocated, "7.50");
      assert.equal(body.total, "52.50");
      assert.equal(
        new Big(rows.payments ?? "x")
          .plus(rows.search ?? "x")
          .plus(body.unallocated)
          .toString(),
        "52.5",
      );
    });

    it("counts the commitment purchase on the invoice view only", async () => {
      const billed = await get(`/api/v1/cost/breakdown?${october}&groupBy=chargeCategory&metric=billedCost`);
      assert.equal(billed.total, "52.50");
      assert.equal(byKey(billed.rows).Purchase, "4.50");
      const amortized = await get(`/api/v1/cost/breakdown?${october}&groupBy=chargeCategory`);
      assert.equal(byKey(amortized.rows).Purchase, undefined);
    });

    it("groups by service and env from tags, and filters", async () => {
      const services = await get(`/api/v1/cost/breakdown?${october}&groupBy=service`);
      assert.deepEqual(services.rows, [{ key: "checkout", amount: "5.00" }]);
      const env = await get(`/api/v1/cost/breakdown?${october}&groupBy=env&team=search`);
      assert.equal(byKey(env.rows).prod, "20.00");
      assert.equal(byKey(env.rows).dev, "4.00");
    });

    it("gives per-day totals for every day of the range", async () => {
      const body = await get("/api/v1/cost/daily?from=2026-10-01&to=2026-10-04&groupBy=team");
      assert.deepEqual(
        body.days.map((d: { day: string; total: string }) => [d.day, d.total]),
        [
          ["2026-10-01", "48.50"],
          ["2026-10-02", "4.00"],
          ["2026-10-03", "0.00"],
        ],
      );
      assert.deepEqual(byKey(body.days[1].rows), { search: "4.00" });
      assert.equal(byKey(body.days[0].rows)["(unallocated)"], "7.50");
    });

    it("reports tagging compliance weighted by cost", async () => {
      const body = await get(`/api/v1/cost/tagging?${october}`);
      assert.deepEqual(body.requiredTags, ["team", "env"]);
      // Rows with both team (any of the team dimension's keys) and env: 10 + 20 + 4 of 52.5.
      assert.equal(body.taggedShare, new Big(34).div("52.5").toFixed(4));
      assert.deepEqual(
        body.untagged.map((u: { resourceId: string }) => u.resourceId),
        ["res-4", "res-5", "res-3", "cd-1"],
      );
      const search = body.byTeam.find((g: { key: string }) => g.key === "search");
      assert.deepEqual(search, { key: "search", tagged: "24.00", total: "24.00", share: "1.0000" });
    });

    it("names the costliest resources of a team from the raw rows", async () => {
      const top = await topResources(deps, {
        from: "2026-10-01",
        to: "2026-11-01",
        metric: "effectiveCost",
        filter: { team: "search" },
        limit: 5,
      });
      assert.deepEqual(
        top.map((r) => [r.resourceId, r.amount]),
        [
          ["res-2", "20.00"],
          ["res-6", "4.00"],
        ],
      );
    });

    it("passes the catalog readiness check for a service whose spend is allocated", async () => {
      const checkout = await get("/api/v1/catalog/service/checkout");
      const check = checkout.scorecard.checks.find((c: { id: string }) => c.id === "cost.spend-allocated");
      assert.equal(check.status, "pass");
      await apply(`apiVersion: opsdeck.dev/v1
kind: Service
metadata: { name: ledger }
spec: { owner: payments, description: Ledger }
`);
      const ledger = await get("/api/v1/catalog/service/ledger");
      const failing = ledger.scorecard.checks.find((c: { id: string }) => c.id === "cost.spend-allocated");
      assert.equal(failing.status, "fail");
      assert.match(failing.detail, /no spend tagged with this service/);
    });

    it("re-allocates from the raw rows when the CostAllocation changes (durable job)", async () => {
      await apply(allocationManifests(["user:team"]));
      const worker = new Worker({
        db: t.database.db,
        clock: t.clock,
        handlers: costJobHandlers({ db: t.database.db, config: deps.config as never, clock: t.clock }),
        owner: "cost-test",
        leaseMs: 60_000,
        pollMs: 5,
        batch: 5,
      });
      // Both applies queued a reallocation; running them in order leaves the rules of the last one.
      const summary = await worker.runDueJobsOnce();
      assert.ok(summary.done >= 1);
      const body = await get(`/api/v1/cost/breakdown?${october}&groupBy=team`);
      // No row has a user:team tag: only the catalog fallback (5) allocates; the shared account then
      // goes to payments alone.
      assert.deepEqual(body.rows, [{ key: "payments", amount: "11.00" }]);
      assert.equal(body.total, "52.50");
    });

    it("notices a changed catalog owner by the periodic watch and re-allocates", async () => {
      await apply(`apiVersion: opsdeck.dev/v1
kind: Team
metadata: { name: search }
spec: { description: Search }
---
apiVersion: opsdeck.dev/v1
kind: Service
metadata: { name: checkout }
spec: { owner: search, description: Checkout }
`);
      const handlers = costJobHandlers({ db: t.database.db, config: deps.config as never, clock: t.clock });
      await t.database.db.write((trx) => (handlers[watchJobType] as JobHandler)(trx, {}, {} as never));
      const body = await get(`/api/v1/cost/breakdown?${october}&groupBy=team`);
      assert.deepEqual(body.rows, [{ key: "search", amount: "11.00" }]);
    });
  });
}
