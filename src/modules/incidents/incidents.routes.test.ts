import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { listAudit } from "../../platform/audit/index.ts";
import { eventsSince } from "../../platform/events/index.ts";
import { testEngines } from "../../platform/testing/databases.ts";
import { startTestApp, type TestApp } from "../../platform/testing/test-app.ts";
import { alertmanagerBody, makeIntegration, post } from "../alerts/test-support.ts";

for (const engine of testEngines()) {
  describe(`incidents API on ${engine.name}`, () => {
    let t: TestApp;
    const call = (
      role: "viewer" | "responder" | "manager",
      method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE",
      url: string,
      payload?: object,
    ) => t.app.inject({ method, url, headers: t.as(role), ...(payload ? { payload } : {}) });
    before(async () => {
      t = await startTestApp(engine);
    });
    after(() => t.close());

    it("declares, acknowledges and resolves, with permissions per role and an audit row each", async () => {
      const declared = await call("responder", "POST", "/api/v1/incidents", {
        title: "Checkout latency",
        severity: "SEV2",
        services: ["checkout", "payments"],
        commander: "manager1",
      });
      assert.equal(declared.statusCode, 201, declared.body);
      const incident = declared.json();
      assert.equal(incident.number, 1);
      assert.deepEqual(incident.services, ["checkout", "payments"]);
      assert.deepEqual(
        incident.roles.map((r: { role: string; user: string }) => [r.role, r.user]),
        [["commander", "manager1"]],
      );
      assert.equal((await call("viewer", "POST", "/api/v1/incidents/1/acknowledge", {})).statusCode, 403);
      t.clock.advance(120_000);
      const acked = await call("responder", "POST", "/api/v1/incidents/1/acknowledge", {});
      assert.equal(acked.json().status, "acknowledged");
      assert.ok(acked.json().acknowledgedAt);
      assert.equal(
        (await call("responder", "POST", "/api/v1/incidents/1/acknowledge", {})).statusCode,
        200,
        "acknowledging twice is fine",
      );
      const resolved = await call("responder", "POST", `/api/v1/incidents/${incident.id}/resolve`, {
        note: "rolled back",
      });
      assert.equal(resolved.json().status, "resolved");
      const late = await call("responder", "POST", "/api/v1/incidents/1/acknowledge", {});
      assert.equal(late.statusCode, 409);
      const audit = await listAudit(t.database.db.read, { entityType: "incident", limit: 100 });
      assert.deepEqual(audit.map((a) => a.action).sort(), [
        "incident.acknowledge",
        "incident.acknowledge",
        "incident.declare",
        "incident.resolve",
      ]);
    });

    it("keeps notes, status updates, roles and edits on the timeline in order", async () => {
      const { id } = (await call("responder", "POST", "/api/v1/incidents", { title: "DNS flapping" })).json();
      assert.equal(
        (
          await call("responder", "POST", `/api/v1/incidents/${id}/notes`, {
            text: "resolver pool 2 restarted",
          })
        ).statusCode,
        201,
      );
      await call("responder", "PUT", `/api/v1/incidents/${id}/roles/communications`, { user: "responder1" });
      await call("responder", "POST", `/api/v1/incidents/${id}/status-updates`, {
        text: "Some lookups fail; investigating.",
      });
      await call("responder", "PATCH", `/api/v1/incidents/${id}`, { severity: "SEV1", services: ["dns"] });
      await call("responder", "POST", `/api/v1/incidents/${id}/status-updates`, {
        text: "Fixed.",
        status: "resolved",
      });
      const timeline = (await call("viewer", "GET", `/api/v1/incidents/${id}/timeline`)).json().items as {
        seq: number;
        kind: string;
      }[];
      assert.deepEqual(
        timeline.map((e) => e.kind),
        [
          "incident.triggered",
          "note",
          "role",
          "status_update",
          "severity",
          "services",
          "status_update",
          "incident.resolved",
        ],
      );
      assert.deepEqual(
        timeline.map((e) => e.seq),
        timeline.map((_, i) => i + 1),
      );
      const detail = (await call("viewer", "GET", `/api/v1/incidents/${id}`)).json();
      assert.equal(detail.severity, "SEV1");
      assert.deepEqual(detail.services, ["dns"]);
    });

    it("lists with status, service and time filters in the documented shape", async () => {
      const all = (await call("viewer", "GET", "/api/v1/incidents")).json().items;
      assert.deepEqual(Object.keys(all[0]).sort(), [
        "acknowledgedAt",
        "alertCount",
        "createdAt",
        "id",
        "number",
        "resolvedAt",
        "service",
        "severity",
        "status",
        "title",
      ]);
      await call("responder", "POST", "/api/v1/incidents", { title: "Open one", services: ["payments"] });
      const open = (await call("viewer", "GET", "/api/v1/incidents?status=open")).json().items;
      assert.deepEqual(
        open.map((i: { title: string }) => i.title),
        ["Open one"],
      );
      const payments = (await call("viewer", "GET", "/api/v1/incidents?service=payments")).json().items;
      assert.deepEqual(payments.map((i: { title: string }) => i.title).sort(), [
        "Checkout latency",
        "Open one",
      ]);
      const future = (await call("viewer", "GET", "/api/v1/incidents?from=2030-01-01T00:00:00Z")).json()
        .items;
      assert.equal(future.length, 0);
      assert.equal((await call("viewer", "GET", "/api/v1/incidents?status=nope")).statusCode, 400);
      assert.equal((await call("viewer", "GET", "/api/v1/incidents/999")).statusCode, 404);
    });

    it("merges one incident into another: alerts, counts and services follow, and later alert changes count there", async () => {
      const prom = await makeIntegration(t, "prom", {
        type: "alertmanager",
        service: "api",
        groupBy: ["alertname"],
      });
      const a = (
        await post(
          t,
          prom.path,
          prom.key,
          alertmanagerBody("firing", [{ fingerprint: "m1", labels: { alertname: "Slow" } }]),
        )
      ).json().alerts[0];
      const b = (
        await post(
          t,
          prom.path,
          prom.key,
          alertmanagerBody("firing", [{ fingerprint: "m2", labels: { alertname: "Errors" } }]),
        )
      ).json().alerts[0];
      const merged = await call("responder", "POST", `/api/v1/incidents/${b.incidentId}/merge`, {
        into: a.incidentId,
      });
      assert.equal(merged.statusCode, 200, merged.body);
      assert.equal(merged.json().alertCount, 2);
      const source = (await call("viewer", "GET", `/api/v1/incidents/${b.incidentId}`)).json();
      assert.equal(source.status, "resolved");
      assert.equal(source.mergedInto.id, a.incidentId);
      const alerts = (await call("viewer", "GET", `/api/v1/incidents/${a.incidentId}/alerts`)).json().items;
      assert.equal(alerts.length, 2);
      assert.equal(
        (await call("responder", "POST", `/api/v1/incidents/${b.incidentId}/acknowledge`, {})).statusCode,
        409,
      );
      await post(
        t,
        prom.path,
        prom.key,
        alertmanagerBody("resolved", [{ fingerprint: "m1", labels: { alertname: "Slow" } }]),
      );
      await post(
        t,
        prom.path,
        prom.key,
        alertmanagerBody("resolved", [{ fingerprint: "m2", labels: { alertname: "Errors" } }]),
      );
      const target = (await call("viewer", "GET", `/api/v1/incidents/${a.incidentId}`)).json();
      assert.equal(target.openAlertCount, 0);
      assert.equal(target.status, "resolved", "resolved by itself once both alerts resolved");
      const kinds = (await call("viewer", "GET", `/api/v1/incidents/${a.incidentId}/timeline`))
        .json()
        .items.map((e: { kind: string }) => e.kind);
      assert.deepEqual(kinds, [
        "incident.triggered",
        "alert.firing",
        "merge",
        "alert.resolved",
        "alert.resolved",
        "incident.resolved",
      ]);
      // Events of one instant come back in id order, which is random within a millisecond: compare as sets.
      const types = (
        await eventsSince(t.database.db.read, "2000-01-01T00:00:00.000Z", [`incident:${b.incidentId}`])
      ).map((e) => e.type);
      assert.deepEqual(types.sort(), ["incident.merged", "incident.resolved", "incident.triggered"]);
    });

    it("streams incident events as server-sent events", async () => {
      await t.app.listen({ port: 0, host: "127.0.0.1" });
      const address = t.app.server.address() as { port: number };
      const controller = new AbortController();
      const res = await fetch(`http://127.0.0.1:${address.port}/api/v1/incidents/stream`, {
        headers: t.as("viewer"),
        signal: controller.signal,
      });
      assert.equal(res.status, 200);
      assert.match(res.headers.get("content-type") ?? "", /^text\/event-stream/);
      const reader = (res.body as ReadableStream<Uint8Array>).getReader();
      await call("responder", "POST", "/api/v1/incidents", { title: "Streamed" });
      let text = "";
      const decoder = new TextDecoder();
      while (!text.includes('"Streamed"')) {
        const { value, done } = await reader.read();
        if (done) break;
        text += decoder.decode(value);
      }
      controller.abort();
      assert.match(text, /event: incident.triggered\ndata: \{.*"Streamed"/);
    });
  });
}
