import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testEngines } from "../../platform/testing/databases.ts";
import { listMessages } from "../notify/index.ts";
import { until } from "../notify/notify.fixture.ts";
import { doc, type EscalationWorld, startEscalationWorld } from "./escalation.fixture.ts";

// Who a level reaches: a schedule's on-call user at the step's instant, a team's members, named users,
// each once; and a failing peer of one user delays nobody else.

const layer = (participants: string[], every = "1d") => ({
  timeZone: "Etc/UTC",
  layers: [{ name: "main", start: "2026-11-02T00:00", rotation: { every }, participants }],
});

for (const engine of testEngines()) {
  describe(`escalation targets on ${engine.name}`, () => {
    let w: EscalationWorld;
    before(async () => {
      w = await startEscalationWorld(engine);
      await w.users("ann", "ben", "cat", "dan", "eve", "sad");
      await w.emailUser("mia", "mia@example.com");
      await w.emailUser("bounced", "bounce-bounced@example.com");
      await w.apply(
        doc("Team", "dba", { members: ["cat", "dan", "ghost"] }),
        // ann today (the test starts 2026-11-02T09:00Z), ben tomorrow.
        doc("Schedule", "daily", layer(["ann", "ben"])),
        // Starts next year: nobody is on call in it yet.
        doc("Schedule", "nights", {
          timeZone: "Etc/UTC",
          layers: [
            { name: "main", start: "2027-01-01T00:00", rotation: { every: "1w" }, participants: ["eve"] },
          ],
        }),
        doc("EscalationPolicy", "mixed", {
          services: ["orders"],
          levels: [{ targets: ["schedule:daily", "team:dba", "user:ann", "user:eve", "schedule:nights"] }],
        }),
        doc("EscalationPolicy", "peers", {
          services: ["payments"],
          levels: [{ targets: ["user:sad", "user:bounced", "user:eve", "user:mia"] }],
        }),
      );
    });
    after(() => w.close());

    it("resolves schedule, team and user targets at the step's instant, each user once", async () => {
      const start = w.received().length;
      const incident = await w.declare("Orders stuck", ["orders"]);
      await w.drain();
      assert.deepEqual(w.received().slice(start).sort(), ["ann 0", "cat 0", "dan 0", "eve 0"]);
      const [text] = await w.timeline(incident.id);
      assert.equal(
        text,
        "Escalated to level 0: ann, cat, dan, eve; nobody is on call in schedule nights; " +
          "last level: escalation ends here unless acknowledged",
      );
      // A day later the schedule's rotation has moved on: the same policy reaches ben (and ann by name).
      await w.advance(24 * 60);
      const later = w.received().length;
      await w.declare("Orders stuck again", ["orders"]);
      await w.drain();
      assert.deepEqual(w.received().slice(later).sort(), ["ann 0", "ben 0", "cat 0", "dan 0", "eve 0"]);
    });

    it("a failing peer of one user does not hold up another user's notification", async () => {
      w.http.answer = (r) => (r.path === "/hook/sad" ? "hang" : { status: 200, body: "ok" });
      try {
        const start = w.received().length;
        const incident = await w.declare("Card payments failing", ["payments"]);
        const draining = w.drain();
        const subject = `incident:${incident.id}`;
        // Both requests at the peer: eve's answered, sad's hanging. (Waiting for eve's alone raced the
        // claim of sad's message, which could still be pending when eve's arrived.)
        await until("eve's webhook and sad's hanging one", () => {
          const arrived = w.received().slice(start);
          return arrived.includes("eve 0") && arrived.includes("sad 0");
        });
        const during = await listMessages(w.t.database.db.read, { subject });
        assert.equal(
          during.find((m) => m.user === "sad")?.state,
          "sending",
          "eve's arrived while sad's hangs",
        );
        await draining;
        assert.deepEqual(w.received().slice(start).sort(), ["eve 0", "sad 0"]);
        const messages = await listMessages(w.t.database.db.read, { subject });
        const byUser = Object.fromEntries(messages.map((m) => [m.user, m.state]));
        assert.deepEqual(
          byUser,
          { bounced: "failed", eve: "sent", mia: "sent", sad: "pending" },
          "the bounce failed for good; sad's attempt timed out and waits to retry",
        );
        assert.deepEqual(
          w.smtp.mails.filter((m) => m.raw.includes(subject)).map((m) => m.to),
          [["mia@example.com"]],
        );
        w.http.answer = () => ({ status: 200, body: "ok" });
        await w.advance(1);
        const again = await listMessages(w.t.database.db.read, { subject });
        assert.deepEqual(again.map((m) => m.state).sort(), ["failed", "sent", "sent", "sent"]);
        const timeline = await w.t.app.inject({
          url: `/api/v1/incidents/${incident.id}/timeline`,
          headers: w.t.as("viewer"),
        });
        const notes = (timeline.json().items as { kind: string; text: string }[])
          .filter((e) => e.kind === "notification")
          .map((e) => e.text);
        assert.ok(notes.includes("notified eve by webhook"), notes.join("\n"));
        assert.ok(
          notes.some((n) => n.startsWith("notification to bounced by email failed")),
          "a failure is visible on the incident timeline",
        );
      } finally {
        w.http.answer = () => ({ status: 200, body: "ok" });
      }
    });
  });
}
