import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { listAudit } from "../../platform/audit/index.ts";
import { testEngines } from "../../platform/testing/databases.ts";
import { startTestApp, type TestApp } from "../../platform/testing/test-app.ts";
import { caller, resolvedIncident } from "./test-support.ts";

for (const engine of testEngines()) {
  describe(`postmortems API on ${engine.name}`, () => {
    let t: TestApp;
    const call = caller(() => t);
    let number: number;
    let id: string;
    before(async () => {
      t = await startTestApp(engine);
      number = await resolvedIncident(t, "Checkout errors after deploy");
    });
    after(() => t.close());

    it("creates a postmortem from the template with the incident's timeline, once per incident", async () => {
      assert.equal(
        (await call("viewer", "POST", `/api/v1/incidents/${number}/postmortem`, {})).statusCode,
        403,
      );
      const res = await call("responder", "POST", `/api/v1/incidents/${number}/postmortem`, {});
      assert.equal(res.statusCode, 201, res.body);
      const pm = res.json();
      id = pm.id;
      assert.equal(pm.status, "draft");
      assert.equal(pm.incidentNumber, number);
      assert.match(pm.sections.timeline, /Rolled back the release/);
      assert.match(pm.sections.impact, /Severity: SEV2/);
      assert.deepEqual(pm.sectionOrder.map((s: { key: string }) => s.key).slice(0, 5), [
        "summary",
        "impact",
        "detection",
        "timeline",
        "rootCause",
      ]);
      const again = await call("responder", "POST", `/api/v1/incidents/${number}/postmortem`, {});
      assert.equal(again.statusCode, 409);
      const got = await call("viewer", "GET", `/api/v1/incidents/${number}/postmortem`);
      assert.equal(got.json().id, id);
    });

    it("answers 404 for an unknown incident and for an incident without a postmortem", async () => {
      const unknown = await call("responder", "POST", "/api/v1/incidents/999/postmortem", {});
      assert.equal(unknown.statusCode, 404);
      assert.match(unknown.json().detail, /999/);
      const other = await resolvedIncident(t, "Another one");
      const none = await call("viewer", "GET", `/api/v1/incidents/${other}/postmortem`);
      assert.equal(none.statusCode, 404);
      assert.match(none.json().detail, /no postmortem/);
    });

    it("edits sections as Markdown, keeping the others", async () => {
      const res = await call("responder", "PATCH", `/api/v1/postmortems/${id}`, {
        sections: { rootCause: "A **config** change" },
      });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().sections.rootCause, "A **config** change");
      assert.match(res.json().sections.timeline, /Rolled back/);
      const bad = await call("responder", "PATCH", `/api/v1/postmortems/${id}`, {
        sections: { nonsense: "x" },
      });
      assert.equal(bad.statusCode, 400);
    });

    it("refuses a responder publishing a draft, naming the status field", async () => {
      const res = await call("responder", "POST", `/api/v1/postmortems/${id}/status`, {
        status: "published",
      });
      assert.equal(res.statusCode, 400);
      assert.equal(res.json().errors[0].path, "status");
      assert.match(res.json().detail, /submit the postmortem for review first/);
      const bogus = await call("responder", "POST", `/api/v1/postmortems/${id}/status`, {
        status: "archived",
      });
      assert.equal(bogus.statusCode, 400);
      assert.match(JSON.stringify(bogus.json().errors), /status/);
    });

    it("refuses publishing while an action item has no owner, naming the item, then publishes after review", async () => {
      const item = await call("responder", "POST", `/api/v1/postmortems/${id}/action-items`, {
        title: "Add a canary stage",
        priority: "P2",
      });
      assert.equal(item.statusCode, 201, item.body);
      const viewerReviewer = await call("responder", "PUT", `/api/v1/postmortems/${id}/reviewers`, {
        reviewers: ["manager1", "viewer1"],
      });
      assert.equal(viewerReviewer.statusCode, 400);
      assert.equal(viewerReviewer.json().errors[0].path, "reviewers[1]");
      const reviewers = await call("responder", "PUT", `/api/v1/postmortems/${id}/reviewers`, {
        reviewers: ["manager1", "admin1"],
      });
      assert.equal(reviewers.statusCode, 200, reviewers.body);
      assert.deepEqual(
        reviewers.json().reviewers.map((r: { name: string; decision: string }) => [r.name, r.decision]),
        [
          ["admin1", "pending"],
          ["manager1", "pending"],
        ],
      );
      const unknownReviewer = await call("responder", "PUT", `/api/v1/postmortems/${id}/reviewers`, {
        reviewers: ["nobody"],
      });
      assert.equal(unknownReviewer.statusCode, 400);
      assert.equal(unknownReviewer.json().errors[0].path, "reviewers[0]");

      assert.equal(
        (await call("responder", "POST", `/api/v1/postmortems/${id}/status`, { status: "in_review" }))
          .statusCode,
        200,
      );
      // Even a manager cannot publish past the action item guard.
      const refused = await call("manager", "POST", `/api/v1/postmortems/${id}/status`, {
        status: "published",
      });
      assert.equal(refused.statusCode, 400);
      assert.match(refused.json().detail, /'Add a canary stage' needs an owner and a due date/);
      assert.equal(refused.json().errors[0].path, "actionItems[0]");

      const fixed = await call("responder", "PATCH", `/api/v1/action-items/${item.json().id}`, {
        owner: "responder1",
        dueDate: "2026-12-01",
      });
      assert.equal(fixed.statusCode, 200, fixed.body);
      const waiting = await call("responder", "POST", `/api/v1/postmortems/${id}/status`, {
        status: "published",
      });
      assert.equal(waiting.statusCode, 400);
      assert.match(waiting.json().detail, /waiting for approval from admin1, manager1/);

      assert.equal(
        (await call("responder", "POST", `/api/v1/postmortems/${id}/review`, { decision: "approved" }))
          .statusCode,
        403,
        "only a reviewer reviews",
      );
      const approved = await call("manager", "POST", `/api/v1/postmortems/${id}/review`, {
        decision: "approved",
      });
      assert.equal(approved.statusCode, 200, approved.body);
      const stillWaiting = await call("responder", "POST", `/api/v1/postmortems/${id}/status`, {
        status: "published",
      });
      assert.match(stillWaiting.json().detail, /waiting for approval from admin1 \(/);
      const asked = await call("responder", "POST", `/api/v1/postmortems/${id}/review`, {
        decision: "changes_requested",
      });
      assert.equal(asked.statusCode, 403);
      const adminApproves = await t.app.inject({
        method: "POST",
        url: `/api/v1/postmortems/${id}/review`,
        headers: t.as("admin"),
        payload: { decision: "approved", comment: "Good" },
      });
      assert.equal(adminApproves.statusCode, 200, adminApproves.body);
      t.clock.advance(60_000);
      const published = await call("responder", "POST", `/api/v1/postmortems/${id}/status`, {
        status: "published",
      });
      assert.equal(published.statusCode, 200, published.body);
      assert.equal(published.json().status, "published");
      assert.equal(published.json().publishedBy, "responder1");
      assert.equal(published.json().publishedAt, t.clock.now().toISOString());
    });

    it("puts creation and publication on the incident timeline and audits every change", async () => {
      const timeline = (await call("viewer", "GET", `/api/v1/incidents/${number}/timeline`)).json().items;
      const texts = timeline
        .filter((e: { kind: string }) => e.kind === "postmortem")
        .map((e: { text: string }) => e.text);
      assert.deepEqual(texts, [
        "Postmortem created",
        "Postmortem submitted for review",
        "Postmortem published",
      ]);
      const audit = await listAudit(t.database.db.read, {
        entityType: "postmortem",
        entityId: id,
        limit: 100,
      });
      const actions = audit.map((a) => a.action).sort();
      for (const action of [
        "postmortem.create",
        "postmortem.update",
        "postmortem.reviewers",
        "postmortem.submit",
        "postmortem.review",
        "postmortem.publish",
      ])
        assert.ok(actions.includes(action), `audit has ${action}`);
    });

    it("keeps a published postmortem read-only; only a manager reopens it, which resets approvals", async () => {
      const edit = await call("responder", "PATCH", `/api/v1/postmortems/${id}`, { title: "New" });
      assert.equal(edit.statusCode, 409);
      // Its action items can still be completed, but not lose what publishing required.
      const [item] = (await call("viewer", "GET", `/api/v1/postmortems/${id}`)).json().actionItems;
      const ownerless = await call("responder", "PATCH", `/api/v1/action-items/${item.id}`, { owner: null });
      assert.equal(ownerless.statusCode, 400);
      assert.equal(ownerless.json().errors[0].path, "owner");
      const undated = await call("responder", "POST", `/api/v1/postmortems/${id}/action-items`, {
        title: "Late idea",
        owner: "responder1",
      });
      assert.equal(undated.statusCode, 400);
      assert.equal(undated.json().errors[0].path, "dueDate");
      const done = await call("responder", "PATCH", `/api/v1/action-items/${item.id}`, { status: "done" });
      assert.equal(done.statusCode, 200, done.body);
      const same = await call("manager", "POST", `/api/v1/postmortems/${id}/status`, { status: "published" });
      assert.match(same.json().detail, /already published/);
      const byResponder = await call("responder", "POST", `/api/v1/postmortems/${id}/status`, {
        status: "draft",
      });
      assert.equal(byResponder.statusCode, 400);
      assert.match(byResponder.json().detail, /only a manager may reopen/);
      const reopened = await call("manager", "POST", `/api/v1/postmortems/${id}/status`, { status: "draft" });
      assert.equal(reopened.statusCode, 200);
      assert.equal(reopened.json().publishedAt, null);
      assert.deepEqual(
        reopened.json().reviewers.map((r: { decision: string }) => r.decision),
        ["pending", "pending"],
      );
      // A manager may publish a draft directly (owner and due date are set).
      const direct = await call("manager", "POST", `/api/v1/postmortems/${id}/status`, {
        status: "published",
      });
      assert.equal(direct.statusCode, 200, direct.body);
    });

    it("lists postmortems by status", async () => {
      const list = (await call("viewer", "GET", "/api/v1/postmortems?status=published")).json();
      assert.deepEqual(
        list.items.map((p: { incidentNumber: number; actionItemCount: number }) => [
          p.incidentNumber,
          p.actionItemCount,
        ]),
        [[number, 1]],
      );
      assert.equal((await call("viewer", "GET", "/api/v1/postmortems?status=draft")).json().items.length, 0);
      const byIncident = (await call("viewer", "GET", `/api/v1/postmortems?incident=${number}`)).json().items;
      assert.deepEqual(
        byIncident.map((p: { id: string }) => p.id),
        [id],
      );
      assert.deepEqual((await call("viewer", "GET", "/api/v1/postmortems?incident=2")).json().items, []);
      assert.deepEqual((await call("viewer", "GET", "/api/v1/postmortems?incident=9999")).json().items, []);
      assert.equal((await call("viewer", "GET", "/api/v1/postmortems?status=nope")).statusCode, 400);
      assert.equal((await call("viewer", "GET", "/api/v1/postmortems/nope")).statusCode, 404);
    });
  });
}
