import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { Worker } from "../jobs/index.ts";
import { type Engine, type TestDatabase, testEngines } from "../testing/databases.ts";
import { FakeClock } from "../testing/fake-clock.ts";
import {
  declareSubscribers,
  dispatchJobType,
  type EventSubscriber,
  eventJobHandlers,
  eventsSince,
  matchesType,
  publishEvent,
  type StoredEvent,
} from "./index.ts";

function suite(engine: Engine) {
  describe(`domain events through the transactional outbox (${engine.name})`, () => {
    let database: TestDatabase;
    const clock = new FakeClock();
    const seen: Record<string, StoredEvent[]> = { escalation: [], flaky: [] };
    let flakyFailures = 1;
    const subscribers: EventSubscriber[] = [
      {
        name: "escalation",
        types: ["incident.triggered"],
        handle: async (_trx, e) => {
          seen.escalation?.push(e);
        },
      },
      {
        name: "flaky",
        types: ["incident.*"],
        handle: async (_trx, e) => {
          if (flakyFailures-- > 0) throw new Error("peer down");
          seen.flaky?.push(e);
        },
      },
    ];
    let worker: Worker;
    const drain = async () => {
      for (let i = 0; i < 10; i++) {
        const r = await worker.runDueJobsOnce();
        if (r.claimed === 0) {
          clock.advance(2_000); // past any retry backoff
          if ((await worker.runDueJobsOnce()).claimed === 0) return;
        }
      }
    };
    before(async () => {
      declareSubscribers(subscribers);
      database = await engine.create();
      worker = new Worker({
        db: database.db,
        clock,
        handlers: eventJobHandlers(subscribers, clock),
        owner: "test",
        leaseMs: 60_000,
        pollMs: 1_000,
        batch: 10,
      });
    });
    after(() => database.drop());

    it("delivers a committed event to each interested subscriber once, retrying a failing one alone", async () => {
      await database.db.write((trx) =>
        publishEvent(trx, clock, {
          type: "incident.triggered",
          subject: "incident:1",
          payload: { number: 1 },
        }),
      );
      await drain();
      assert.deepEqual(
        seen.escalation?.map((e) => e.payload),
        [{ number: 1 }],
      );
      assert.deepEqual(
        seen.flaky?.map((e) => e.subject),
        ["incident:1"],
      );
    });

    it("publishes nothing for a change that rolled back", async () => {
      await assert.rejects(
        database.db.write(async (trx) => {
          await publishEvent(trx, clock, { type: "incident.triggered", subject: "incident:2", payload: {} });
          throw new Error("the change failed");
        }),
      );
      await drain();
      assert.equal(seen.escalation?.length, 1);
      assert.deepEqual(
        (await eventsSince(database.db.read, "2000-01-01T00:00:00.000Z", ["incident:2"])).map((e) => e.id),
        [],
      );
    });

    it("stores an event no subscriber takes for live views, without a dispatch job to run", async () => {
      const stored = await database.db.write((trx) =>
        publishEvent(trx, clock, { type: "alert.firing", subject: "alerts", payload: { alerts: [] } }),
      );
      const taken = await database.db.write((trx) =>
        publishEvent(trx, clock, { type: "incident.resolved", subject: "incident:3", payload: {} }),
      );
      const dispatchJobs = await database.db.read
        .selectFrom("jobs")
        .select("key")
        .where("type", "=", dispatchJobType)
        .where("key", "in", [`dispatch:${stored.id}`, `dispatch:${taken.id}`])
        .execute();
      assert.deepEqual(
        dispatchJobs.map((j) => j.key),
        [`dispatch:${taken.id}`],
      );
      const live = await eventsSince(database.db.read, "2000-01-01T00:00:00.000Z", ["alerts"]);
      assert.deepEqual(
        live.map((e) => e.id),
        [stored.id],
      );
      await drain();
    });

    it("feeds live views with the events of a subject since an instant", async () => {
      const events = await eventsSince(database.db.read, "2000-01-01T00:00:00.000Z", ["incident:1"]);
      assert.deepEqual(
        events.map((e) => e.type),
        ["incident.triggered"],
      );
    });
  });
}

describe("event type patterns", () => {
  it("match exact types and dotted prefixes", () => {
    assert.ok(matchesType(["alert.*"], "alert.fired"));
    assert.ok(!matchesType(["alert.*"], "alerting.fired"));
    assert.ok(matchesType(["incident.resolved"], "incident.resolved"));
  });
});

for (const engine of testEngines()) suite(engine);
