import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { listAudit } from "../../platform/audit/index.ts";
import { testEngines } from "../../platform/testing/databases.ts";
import { startTestApp, type TestApp } from "../../platform/testing/test-app.ts";
import { listActionItemFacts, listPostmortemFacts } from "./index.ts";
import { applyYaml, caller, resolvedIncident } from "./test-support.ts";

const catalog = `
apiVersion: opsdeck.dev/v1
kind: Team
metadata: { name: payments }
spec: { members: [responder1] }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: payments-api }
spec: { type: service, lifecycle: production, owner: payments }
`;

for (const engine of testEngines()) {
  describe(`action items on ${engine.name}`, () => {
    let t: TestApp;
    const call = caller(() => t);
    let pmId: string;
    let incidentId: string;
    const titles = (res: { json(): { items: { title: string }[] } }) => res.json().items.map((i) => i.title);
    before(async () => {
      t = await startTestApp(engine);
      const applied = await applyYaml(t, catalog);
      assert.equal(applied.statusCode, 200, applied.body);
      const number = await resolvedIncident(t, "Payments timeouts", ["payments-api"]);
      const pm = (await call("responder", "POST", `/api/v1/incidents/${number}/postmortem`, {})).json();
      pmId = pm.id;
      incidentId = pm.incidentId;
      // The clock is 2026-11-02; two items are due before that day, one is done, one is undated.
      const items = [
        { title: "Raise pool size", owner: "responder1", dueDate: "2026-10-30", priority: "P1" },
        { title: "Dashboards for pool waits", owner: "manager1", dueDate: "2026-11-01", team: "sre" },
        { title: "Retry budget", owner: "responder1", dueDate: "2026-10-01", status: "done" },
        { title: "Load test", owner: "responder1", dueDate: "2026-11-20" },
        { title: "Write the wiki page" },
      ];
      for (const item of items) {
        const res = await call("responder", "POST", `/api/v1/postmortems/${pmId}/action-items`, item);
        assert.equal(res.statusCode, 201, res.body);
      }
    });
    after(() => t.close());

    it("defaults the team to the owner team of the incident's service", async () => {
      const all = (await call("viewer", "GET", `/api/v1/action-items?postmortem=${pmId}`)).json().items;
      const byTitle = new Map(all.map((i: { title: string; team: string | null }) => [i.title, i.team]));
      assert.equal(byTitle.get("Raise pool size"), "payments");
      assert.equal(byTitle.get("Dashboards for pool waits"), "sre");
    });

    it("lists overdue items (open, due before today) per team and per person", async () => {
      const overdue = await call("viewer", "GET", "/api/v1/action-items?overdue=true");
      assert.deepEqual(titles(overdue), ["Raise pool size", "Dashboards for pool waits"]);
      const first = overdue.json().items[0];
      assert.equal(first.incidentNumber, 1);
      assert.equal(first.incidentTitle, "Payments timeouts");
      assert.equal(first.owner.name, "responder1");
      assert.equal(first.overdue, true);
      assert.deepEqual(
        titles(await call("viewer", "GET", "/api/v1/action-items?overdue=true&team=payments")),
        ["Raise pool size"],
      );
      assert.deepEqual(titles(await call("responder", "GET", "/api/v1/action-items?overdue=true&owner=me")), [
        "Raise pool size",
      ]);
      assert.deepEqual(
        titles(await call("viewer", "GET", "/api/v1/action-items?owner=responder1&status=open")),
        ["Raise pool size", "Load test"],
      );
      t.clock.set("2026-11-25T08:00:00.000Z");
      assert.deepEqual(titles(await call("viewer", "GET", "/api/v1/action-items?overdue=true")), [
        "Raise pool size",
        "Dashboards for pool waits",
        "Load test",
      ]);
      t.clock.set("2026-11-02T09:30:00.000Z");
    });

    it("gives the KPI facts: overdue items and postmortems by incident", async () => {
      const overdue = await listActionItemFacts(t.database.db.read, { overdueAt: "2026-11-02" });
      assert.deepEqual(
        overdue
          .map((f) => [f.title, f.ownerTeam, f.dueDate, f.status])
          .sort((a, b) => String(a[2]).localeCompare(String(b[2]))),
        [
          ["Raise pool size", "payments", "2026-10-30", "open"],
          ["Dashboards for pool waits", "sre", "2026-11-01", "open"],
        ],
      );
      const all = await listActionItemFacts(t.database.db.read, {});
      assert.equal(all.length, 5);
      assert.ok(all.find((f) => f.title === "Retry budget")?.completedAt);
      const facts = await listPostmortemFacts(t.database.db.read, { incidentIds: [incidentId] });
      assert.deepEqual(
        facts.map((f) => [f.postmortemId, f.status, f.publishedAt]),
        [[pmId, "draft", null]],
      );
      assert.deepEqual(await listPostmortemFacts(t.database.db.read, { incidentIds: ["other"] }), []);
    });

    it("refuses bad input naming the field", async () => {
      const cases: [object, string][] = [
        [{ title: "x", externalUrl: "javascript:alert(1)" }, "externalUrl"],
        [{ title: "x", externalUrl: "not a url" }, "externalUrl"],
        [{ title: "x", dueDate: "2026-02-30" }, "dueDate"],
        [{ title: "x", priority: "urgent" }, "priority"],
        [{ title: "x", status: "closed" }, "status"],
        [{ title: "x", owner: "nobody" }, "owner"],
        [{ title: "" }, "title"],
      ];
      for (const [payload, field] of cases) {
        const res = await call("responder", "POST", `/api/v1/postmortems/${pmId}/action-items`, payload);
        assert.equal(res.statusCode, 400, `${JSON.stringify(payload)}: ${res.body}`);
        assert.ok(
          res.json().errors.some((e: { path: string }) => e.path.includes(field)),
          `${JSON.stringify(payload)} names ${field}: ${res.body}`,
        );
      }
      const unknown = await call("responder", "POST", "/api/v1/postmortems/nope/action-items", {
        title: "x",
      });
      assert.equal(unknown.statusCode, 404);
      assert.equal((await call("viewer", "GET", "/api/v1/action-items?owner=ghost")).statusCode, 400);
      assert.equal((await call("viewer", "GET", "/api/v1/action-items?overdue=yes")).statusCode, 400);
      assert.equal(
        (await call("viewer", "POST", `/api/v1/postmortems/${pmId}/action-items`, { title: "x" })).statusCode,
        403,
      );
    });

    it("completes, reopens and deletes an item, with an audit row each", async () => {
      const [item] = (await call("viewer", "GET", "/api/v1/action-items?overdue=true&team=payments")).json()
        .items;
      const done = await call("responder", "PATCH", `/api/v1/action-items/${item.id}`, {
        status: "done",
        externalUrl: "https://tracker.example/PAY-1",
      });
      assert.equal(done.statusCode, 200, done.body);
      assert.equal(done.json().completedAt, t.clock.now().toISOString());
      assert.equal(done.json().overdue, false);
      assert.equal(done.json().externalUrl, "https://tracker.example/PAY-1");
      const reopened = await call("responder", "PATCH", `/api/v1/action-items/${item.id}`, {
        status: "in_progress",
      });
      assert.equal(reopened.json().completedAt, null);
      assert.equal(reopened.json().overdue, true);
      assert.equal((await call("responder", "DELETE", `/api/v1/action-items/${item.id}`)).statusCode, 204);
      assert.equal(
        (await call("responder", "PATCH", `/api/v1/action-items/${item.id}`, { status: "done" })).statusCode,
        404,
      );
      const audit = await listAudit(t.database.db.read, {
        entityType: "action_item",
        entityId: item.id,
        limit: 10,
      });
      assert.deepEqual(audit.map((a) => a.action).sort(), [
        "action_item.create",
        "action_item.delete",
        "action_item.update",
        "action_item.update",
      ]);
    });
  });
}
