import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { eventJobHandlers } from "../../platform/events/index.ts";
import { mergeJobHandlers, Worker } from "../../platform/jobs/index.ts";
import { testEngines } from "../../platform/testing/databases.ts";
import { startTestApp, type TestApp } from "../../platform/testing/test-app.ts";
import { expiryJobHandlers } from "./expiry.ts";
import { makeIntegration, post } from "./test-support.ts";

const minutes = (n: number) => n * 60_000;

for (const engine of testEngines()) {
  describe(`alerts posted to the Alertmanager API expire as in Alertmanager, on ${engine.name}`, () => {
    let t: TestApp;
    let key: string;
    let worker: Worker;
    const sweep = async () => {
      while ((await worker.runDueJobsOnce()).claimed > 0);
    };
    const postAlert = (instance: string, endsAt?: Date) =>
      post(t, "/api/v2/alerts", key, [
        {
          labels: { alertname: "DiskFull", instance },
          annotations: { summary: `disk full on ${instance}` },
          ...(endsAt ? { endsAt: endsAt.toISOString() } : {}),
        },
      ]);
    const alertOf = async (instance: string) => {
      const res = await t.app.inject({ url: "/api/v1/alerts?limit=1000", headers: t.as("viewer") });
      const items = res.json().items as {
        status: string;
        labels: Record<string, string>;
        resolvedAt: string | null;
      }[];
      return items.find((a) => a.labels.instance === instance);
    };

    before(async () => {
      t = await startTestApp(engine);
      ({ key } = await makeIntegration(t, "prom", {
        type: "alertmanager",
        service: "storage",
        groupBy: ["instance"],
      }));
      worker = new Worker({
        db: t.database.db,
        clock: t.clock,
        handlers: mergeJobHandlers([expiryJobHandlers(t.clock), eventJobHandlers([], t.clock)]),
        owner: "test",
        leaseMs: 60_000,
        pollMs: 1_000,
        batch: 50,
      });
    });
    after(() => t.close());

    it("resolves an alert at its endsAt when it is not posted again, and its incident with it", async () => {
      const endsAt = new Date(t.clock.now().getTime() + minutes(3));
      assert.equal((await postAlert("db-1", endsAt)).statusCode, 200);
      t.clock.advance(minutes(2));
      await sweep();
      assert.equal((await alertOf("db-1"))?.status, "firing", "not expired before its endsAt");
      t.clock.advance(minutes(2));
      await sweep();
      const alert = await alertOf("db-1");
      assert.equal(alert?.status, "resolved");
      assert.equal(alert?.resolvedAt, endsAt.toISOString(), "resolved at its endsAt, not at the sweep");
      const incidents = await t.app.inject({
        url: "/api/v1/incidents?service=storage",
        headers: t.as("viewer"),
      });
      assert.equal(incidents.json().items[0]?.status, "resolved");
    });

    it("without endsAt lives 5 minutes after its last post, and each post extends it", async () => {
      assert.equal((await postAlert("db-2")).statusCode, 200);
      t.clock.advance(minutes(4));
      assert.equal((await postAlert("db-2")).statusCode, 200);
      t.clock.advance(minutes(4));
      await sweep();
      assert.equal((await alertOf("db-2"))?.status, "firing", "the second post extended it to minute 9");
      t.clock.advance(minutes(2));
      await sweep();
      assert.equal((await alertOf("db-2"))?.status, "resolved");
    });
  });
}
