import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { loadConfig } from "../../platform/config/config.ts";
import { ensureRetention, Worker } from "../../platform/jobs/index.ts";
import { testEngines } from "../../platform/testing/databases.ts";
import { startTestApp, type TestApp } from "../../platform/testing/test-app.ts";
import { modules } from "../registry.ts";
import { resolutionKeepMs } from "./resolutions.ts";
import { alertmanagerBody, makeIntegration, post } from "./test-support.ts";

const hours = (n: number) => n * 3_600_000;

for (const engine of testEngines()) {
  describe(`a firing re-send of a resolved occurrence, on ${engine.name}`, () => {
    let t: TestApp;
    let hook: { key: string; path: string };
    let worker: Worker;
    const send = (status: "firing" | "resolved", fingerprint: string, startsAt: string) =>
      post(
        t,
        hook.path,
        hook.key,
        alertmanagerBody(status, [
          { fingerprint, labels: { alertname: "Flaky", instance: fingerprint }, startsAt },
        ]),
      );
    const outcome = async (status: "firing" | "resolved", fingerprint: string, startsAt: string) => {
      const res = await send(status, fingerprint, startsAt);
      assert.equal(res.statusCode, 200, res.body);
      return res.json().alerts[0].outcome as string;
    };

    before(async () => {
      t = await startTestApp(engine);
      hook = await makeIntegration(t, "am", { type: "alertmanager", service: "api", groupBy: ["alertname"] });
      worker = new Worker({
        db: t.database.db,
        clock: t.clock,
        // The platform's handlers as the server builds them: the retention job must know the alerts
        // module's rule through the registry.
        handlers:
          modules
            .find((m) => m.name === "platform")
            ?.jobHandlers?.({
              db: t.database.db,
              clock: t.clock,
              config: loadConfig({ OPSDECK_DATABASE_URL: t.database.url }),
            }) ?? {},
        owner: "test",
        leaseMs: 60_000,
        pollMs: 1_000,
        batch: 50,
      });
    });
    after(() => t.close());

    it("is ignored while the resolution is remembered; a new occurrence (new startsAt) fires", async () => {
      const startsAt = t.clock.now().toISOString();
      assert.equal(await outcome("firing", "fp-1", startsAt), "created");
      assert.equal(await outcome("resolved", "fp-1", startsAt), "resolved");
      assert.equal(await outcome("firing", "fp-1", startsAt), "ignored");
      t.clock.advance(60_000);
      assert.equal(await outcome("firing", "fp-1", t.clock.now().toISOString()), "created");
    });

    it("forgets resolutions older than a week at the hourly retention run, and only those", async () => {
      const old = t.clock.now().toISOString();
      assert.equal(await outcome("firing", "fp-old", old), "created");
      assert.equal(await outcome("resolved", "fp-old", old), "resolved");
      t.clock.advance(resolutionKeepMs - hours(2));
      const recent = t.clock.now().toISOString();
      assert.equal(await outcome("firing", "fp-new", recent), "created");
      assert.equal(await outcome("resolved", "fp-new", recent), "resolved");
      t.clock.advance(hours(3));
      await t.database.db.write((trx) => ensureRetention(trx, t.clock, t.clock.now()));
      while ((await worker.runDueJobsOnce()).claimed > 0);

      assert.equal(
        await outcome("firing", "fp-new", recent),
        "ignored",
        "kept: its resolve came in under a week ago",
      );
      assert.equal(
        await outcome("firing", "fp-old", old),
        "created",
        "purged: its resolve came in over a week ago",
      );
    });
  });
}
