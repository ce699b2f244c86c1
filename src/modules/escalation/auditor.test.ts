import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { Registry } from "prom-client";
import { Worker } from "../../platform/jobs/index.ts";
import { testEngines } from "../../platform/testing/databases.ts";
import { auditHandler, auditJobType, overdueCount, registerEscalationMetrics } from "./auditor.ts";
import { doc, type EscalationWorld, startEscalationWorld } from "./escalation.fixture.ts";

// The auditor on the injected clock: a step whose workers are down is reported once it is more than 60 s
// late (log line, gauge, alert through the alert pipeline), and the alert resolves once the step has run.

for (const engine of testEngines()) {
  describe(`escalation auditor on ${engine.name}`, () => {
    let w: EscalationWorld;
    const logged: { fields: Record<string, unknown>; message: string }[] = [];
    // Only the auditor: as if every worker that runs escalation steps had died.
    let auditorOnly: Worker;
    before(async () => {
      w = await startEscalationWorld(engine);
      await w.users("alice", "ops");
      await w.apply(
        doc("EscalationPolicy", "web", {
          services: ["web"],
          levels: [{ targets: ["user:alice"] }, { afterMinutes: 5, targets: ["user:alice"] }],
        }),
        doc("EscalationPolicy", "opsdeck-itself", {
          services: ["opsdeck"],
          levels: [{ targets: ["user:ops"] }],
        }),
      );
      auditorOnly = new Worker({
        db: w.t.database.db,
        clock: w.t.clock,
        handlers: {
          [auditJobType]: auditHandler(w.t.clock, {
            warn: (fields, message) => logged.push({ fields: fields as Record<string, unknown>, message }),
          }),
        },
        owner: "auditor-only",
        leaseMs: 60_000,
        pollMs: 5,
        batch: 10,
      });
    });
    after(() => w.close());

    const alerts = async () => {
      const res = await w.t.app.inject({ url: "/api/v1/alerts", headers: w.t.as("viewer") });
      assert.equal(res.statusCode, 200, res.body);
      return (res.json().items as { title: string; status: string; service: string }[]).filter(
        (a) => a.service === "opsdeck",
      );
    };

    it("reports a step more than 60 s overdue: log line, gauge and an alert that pages", async () => {
      const start = w.t.clock.now().getTime();
      const incident = await w.declare("Checkout errors", ["web"]);
      await w.drain();
      const stepDue = start + 5 * 60_000;
      w.t.clock.set(new Date(stepDue + 59_999).toISOString());
      assert.equal(
        await overdueCount(w.t.database.db.read, w.t.clock.now()),
        0,
        "59.999 s late is not overdue",
      );
      await auditorOnly.runDueJobsOnce();
      assert.equal(logged.length, 0);

      w.t.clock.set(new Date(stepDue + 61_000).toISOString());
      await auditorOnly.runDueJobsOnce();
      assert.equal(logged.length, 1);
      assert.equal(logged[0]?.message, "escalation steps are more than 60 s overdue");
      assert.equal(logged[0]?.fields.overdueSteps, 1);
      assert.deepEqual(logged[0]?.fields.steps, [`esc:${incident.id}:1:1:0`]);

      const registry = new Registry();
      registerEscalationMetrics(registry, { db: w.t.database.db, clock: w.t.clock });
      assert.match(await registry.metrics(), /^opsdeck_escalation_overdue_steps 1$/m);

      const [alert] = await alerts();
      assert.equal(alert?.title, "Escalation steps are more than 60 s overdue");
      assert.equal(alert?.status, "firing");
      // The alert opened an incident of service opsdeck, which its own policy escalates.
      const before = w.received().length;
      await w.drain();
      assert.ok(w.received().slice(before).includes("ops 0"));
    });

    it("resolves the alert once nothing is overdue, and stops auditing when nothing escalates", async () => {
      // The workers are back: the late step has run (drained above); the next audit finds nothing.
      await w.advance(0.5);
      assert.equal(await overdueCount(w.t.database.db.read, w.t.clock.now()), 0);
      assert.deepEqual(
        (await alerts()).map((a) => a.status),
        ["resolved"],
      );
      const registry = new Registry();
      registerEscalationMetrics(registry, { db: w.t.database.db, clock: w.t.clock });
      assert.match(await registry.metrics(), /^opsdeck_escalation_overdue_steps 0$/m);
      // Every escalation has ended (exhausted): after the next audit no further audit is scheduled.
      await w.advance(1);
      const pending = await w.t.database.db.read
        .selectFrom("jobs")
        .select("key")
        .where("type", "=", auditJobType)
        .where("status", "=", "pending")
        .execute();
      assert.deepEqual(pending, []);
    });
  });
}
