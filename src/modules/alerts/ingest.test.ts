import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { eventJobHandlers, eventsSince } from "../../platform/events/index.ts";
import { mergeJobHandlers, Worker } from "../../platform/jobs/index.ts";
import { testEngines } from "../../platform/testing/databases.ts";
import { startTestApp, type TestApp } from "../../platform/testing/test-app.ts";
import { heartbeatJobHandlers } from "./heartbeats.service.ts";
import { alertmanagerBody, makeIntegration, post } from "./test-support.ts";

type Incident = {
  id: string;
  number: number;
  status: string;
  severity: string;
  service: string;
  alertCount: number;
};

for (const engine of testEngines()) {
  describe(`alert dedup, grouping, routing, silences and heartbeats on ${engine.name}`, () => {
    let t: TestApp;
    let prom: { key: string; path: string };
    const fire = (
      fingerprint: string,
      labels: Record<string, string>,
      status: "firing" | "resolved" = "firing",
    ) =>
      post(
        t,
        prom.path,
        prom.key,
        alertmanagerBody(status, [{ fingerprint, labels, startsAt: t.clock.now().toISOString() }]),
      );
    const incidents = async (query = "") =>
      (await t.app.inject({ url: `/api/v1/incidents${query}`, headers: t.as("viewer") })).json()
        .items as Incident[];
    const incidentOf = async (alertId: string) => {
      const alerts = (
        await t.app.inject({ url: "/api/v1/alerts?limit=1000", headers: t.as("viewer") })
      ).json().items;
      return alerts.find((a: { id: string }) => a.id === alertId) as {
        incidentId: string;
        status: string;
        service: string;
        severity: string;
      };
    };

    before(async () => {
      t = await startTestApp(engine);
      prom = await makeIntegration(t, "prom", {
        type: "alertmanager",
        service: "platform",
        groupBy: ["alertname"],
        routes: [
          {
            match: ['team="db"', 'severity=~"crit.*|page"'],
            service: "postgres",
            severity: "SEV1",
            groupBy: ["alertname", "cluster"],
          },
          { match: ["team=db"], service: "postgres" },
          { match: '{team="web", env!="staging"}', service: "web" },
          { match: ['alertname!~"Watchdog|Info.*"', "team=ci"], service: "ci" },
        ],
      });
    });
    after(() => t.close());

    it("routes with all four matcher operators; the first matching rule wins", async () => {
      const a = (
        await fire("r1", { alertname: "PgDown", team: "db", severity: "critical", cluster: "c1" })
      ).json().alerts[0];
      assert.deepEqual(
        [(await incidentOf(a.alertId)).service, (await incidentOf(a.alertId)).severity],
        ["postgres", "SEV1"],
      );
      const b = (await fire("r2", { alertname: "PgSlow", team: "db", severity: "warning" })).json().alerts[0];
      assert.deepEqual(
        [(await incidentOf(b.alertId)).service, (await incidentOf(b.alertId)).severity],
        ["postgres", "SEV3"],
      );
      const c = (await fire("r3", { alertname: "Http5xx", team: "web", env: "prod" })).json().alerts[0];
      assert.equal((await incidentOf(c.alertId)).service, "web");
      const d = (await fire("r4", { alertname: "Http5xx", team: "web", env: "staging" })).json().alerts[0];
      assert.equal((await incidentOf(d.alertId)).service, "platform", "!= excluded staging");
      const e = (await fire("r5", { alertname: "Watchdog", team: "ci" })).json().alerts[0];
      assert.equal((await incidentOf(e.alertId)).service, "platform", "!~ excluded Watchdog");
      const f = (await fire("r6", { alertname: "RunnerDown", team: "ci" })).json().alerts[0];
      assert.equal((await incidentOf(f.alertId)).service, "ci");
    });

    it("keeps one open alert per fingerprint, groups by key into one open incident, and auto-resolves", async () => {
      const first = (await fire("g1", { alertname: "DiskFull", instance: "a" })).json().alerts[0];
      const second = (await fire("g2", { alertname: "DiskFull", instance: "b" })).json().alerts[0];
      const other = (await fire("g3", { alertname: "CpuHigh", instance: "a" })).json().alerts[0];
      assert.equal(first.incidentId, second.incidentId);
      assert.notEqual(first.incidentId, other.incidentId);
      assert.equal(
        (await fire("g1", { alertname: "DiskFull", instance: "a" })).json().alerts[0].outcome,
        "unchanged",
      );
      const [disk] = (await incidents()).filter((i) => i.id === first.incidentId);
      assert.equal(disk?.alertCount, 2);
      await fire("g1", { alertname: "DiskFull", instance: "a" }, "resolved");
      assert.equal((await incidents()).find((i) => i.id === first.incidentId)?.status, "triggered");
      await fire("g2", { alertname: "DiskFull", instance: "b" }, "resolved");
      assert.equal((await incidents()).find((i) => i.id === first.incidentId)?.status, "resolved");
      t.clock.advance(60_000);
      const again = (await fire("g1", { alertname: "DiskFull", instance: "a" })).json().alerts[0];
      assert.equal(again.outcome, "created", "the same fingerprint fires again as a new occurrence");
      assert.notEqual(again.incidentId, first.incidentId, "a resolved incident is not reopened");
    });

    it("leaves incidents open when the service's policy turns auto-resolve off", async () => {
      const put = await t.app.inject({
        method: "PUT",
        url: "/api/v1/incident-policies/postgres",
        headers: t.as("manager"),
        payload: { autoResolve: false },
      });
      assert.equal(put.statusCode, 200, put.body);
      const a = (await fire("p1", { alertname: "PgLag", team: "db" })).json().alerts[0];
      await fire("p1", { alertname: "PgLag", team: "db" }, "resolved");
      assert.equal((await incidents()).find((i) => i.id === a.incidentId)?.status, "triggered");
    });

    it("suppresses silenced alerts (kept, no incident) and pages once the silence has ended", async () => {
      const created = await t.app.inject({
        method: "POST",
        url: "/api/v1/silences",
        headers: t.as("manager"),
        payload: {
          matchers: ['alertname="Maintenance"', 'instance=~"db-.*"'],
          endsAt: new Date(t.clock.now().getTime() + 3_600_000).toISOString(),
          comment: "patching the db hosts",
        },
      });
      assert.equal(created.statusCode, 201, created.body);
      const before = (await incidents()).length;
      const quiet = (await fire("s1", { alertname: "Maintenance", instance: "db-1" })).json().alerts[0];
      assert.equal(quiet.outcome, "suppressed");
      assert.equal(quiet.incidentId, null);
      assert.equal((await incidents()).length, before);
      const loud = (await fire("s2", { alertname: "Maintenance", instance: "web-1" })).json().alerts[0];
      assert.equal(loud.outcome, "created");
      const expired = await t.app.inject({
        method: "DELETE",
        url: `/api/v1/silences/${created.json().id}`,
        headers: t.as("manager"),
      });
      assert.equal(expired.json().state, "expired");
      const resent = (await fire("s1", { alertname: "Maintenance", instance: "db-1" })).json().alerts[0];
      assert.equal(resent.outcome, "updated");
      assert.ok(resent.incidentId, "the re-send after the silence opens an incident");
    });

    it("publishes incident and alert events through the outbox", async () => {
      const events = await eventsSince(t.database.db.read, "2000-01-01T00:00:00.000Z", null, 5000);
      const types = new Set(events.map((e) => e.type));
      for (const type of [
        "incident.triggered",
        "incident.resolved",
        "alert.firing",
        "alert.resolved",
        "alert.suppressed",
      ])
        assert.ok(types.has(type), `${type} published`);
      const triggered = events.filter((e) => e.type === "incident.triggered");
      assert.equal(
        triggered.length,
        (await incidents("?limit=1000")).length,
        "one incident.triggered per incident",
      );
    });

    it("opens an alert for a missed heartbeat and resolves it with the next ping", async () => {
      const hook = await makeIntegration(t, "cron", { type: "webhook", service: "backups", groupBy: [] });
      const applied = await t.app.inject({
        method: "POST",
        url: "/api/v1/apply",
        headers: { ...t.as("admin"), "content-type": "application/yaml" },
        payload:
          "apiVersion: opsdeck.dev/v1\nkind: Heartbeat\nmetadata: { name: nightly }\nspec: { integration: cron, intervalMinutes: 60 }\n",
      });
      assert.equal(applied.statusCode, 200, applied.body);
      const worker = new Worker({
        db: t.database.db,
        clock: t.clock,
        handlers: mergeJobHandlers([heartbeatJobHandlers(t.clock), eventJobHandlers([], t.clock)]),
        owner: "test",
        leaseMs: 60_000,
        pollMs: 1_000,
        batch: 50,
      });
      const drain = async () => {
        while ((await worker.runDueJobsOnce()).claimed > 0);
      };
      const ping = () =>
        t.app.inject({
          method: "POST",
          url: "/api/v1/heartbeats/nightly/ping",
          headers: { authorization: `Bearer ${hook.key}` },
        });
      assert.equal((await ping()).statusCode, 200);
      t.clock.advance(30 * 60_000);
      await drain();
      assert.equal((await incidents("?service=backups")).length, 0, "not due yet");
      t.clock.advance(31 * 60_000);
      await drain();
      const [missed] = await incidents("?service=backups");
      assert.equal(missed?.status, "triggered");
      const hb = await t.app.inject({ url: "/api/v1/heartbeats", headers: t.as("viewer") });
      assert.equal(hb.json().items[0].state, "missed");
      assert.equal((await ping()).statusCode, 200);
      assert.equal((await incidents("?service=backups"))[0]?.status, "resolved");
      const wrongKey = await t.app.inject({
        method: "POST",
        url: "/api/v1/heartbeats/nightly/ping",
        headers: { authorization: `Bearer ${prom.key}` },
      });
      assert.equal(wrongKey.statusCode, 404);
    });
  });

  describe(`intake back-pressure on ${engine.name}`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(engine, { OPSDECK_INGEST_MAX_PENDING: "2" });
    });
    after(() => t.close());

    it("answers 503 with Retry-After when more requests wait than allowed, and stores every 2xx", async () => {
      const prom = await makeIntegration(t, "prom", { type: "alertmanager", service: "x" });
      const results = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          post(
            t,
            prom.path,
            prom.key,
            alertmanagerBody("firing", [
              { fingerprint: `bp${i}`, labels: { alertname: "Load", i: String(i) } },
            ]),
          ),
        ),
      );
      const refused = results.filter((r) => r.statusCode === 503);
      const ok = results.filter((r) => r.statusCode === 200);
      assert.ok(refused.length > 0, "some requests were refused");
      assert.ok(ok.length > 0, "some requests were taken");
      assert.equal(refused.length + ok.length, 40);
      for (const r of refused) assert.equal(r.headers["retry-after"], "1");
      const stored = await t.app.inject({ url: "/api/v1/alerts?limit=1000", headers: t.as("viewer") });
      assert.equal(stored.json().items.length, ok.length);
    });
  });
}
