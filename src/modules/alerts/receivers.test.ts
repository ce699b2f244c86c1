import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { testEngines } from "../../platform/testing/databases.ts";
import { startTestApp, type TestApp } from "../../platform/testing/test-app.ts";
import { alertmanagerBody, makeIntegration, post } from "./test-support.ts";

for (const engine of testEngines()) {
  describe(`alert receivers on ${engine.name}`, () => {
    let t: TestApp;
    const keys: Record<string, { key: string; path: string }> = {};
    const incidents = async () =>
      (await t.app.inject({ url: "/api/v1/incidents", headers: t.as("viewer") })).json().items as {
        id: string;
        title: string;
        status: string;
        severity: string;
        service: string;
        alertCount: number;
      }[];
    before(async () => {
      t = await startTestApp(engine);
      keys.am = await makeIntegration(t, "prom", { type: "alertmanager", service: "api" });
      keys.grafana = await makeIntegration(t, "grafana", { type: "grafana", service: "web" });
      keys.pd = await makeIntegration(t, "pd", { type: "pagerduty", service: "dns" });
      keys.hook = await makeIntegration(t, "hook", { type: "webhook", service: "ci" });
    });
    after(() => t.close());

    it("documents every receiver in the OpenAPI description", async () => {
      const res = await t.app.inject({ url: "/api/openapi.json" });
      assert.equal(res.statusCode, 200, res.body);
      const paths = Object.keys(res.json().paths);
      for (const p of [
        "/api/v2/alerts",
        "/v2/enqueue",
        "/api/v1/integrations/{name}/alertmanager",
        "/api/v1/incidents/{id}/timeline",
      ])
        assert.ok(paths.includes(p), p);
    });

    it("shows managers the intake URL and key, and nobody below", async () => {
      const shown = await t.app.inject({ url: "/api/v1/integrations/prom", headers: t.as("manager") });
      assert.equal(shown.statusCode, 200);
      assert.match(shown.json().url, /\/api\/v1\/integrations\/prom\/alertmanager$/);
      assert.equal(shown.json().type, "alertmanager");
      assert.equal(shown.json().key, keys.am?.key);
      const refused = await t.app.inject({ url: "/api/v1/integrations/prom", headers: t.as("responder") });
      assert.equal(refused.statusCode, 403);
    });

    it("takes an Alertmanager v4 webhook as Alertmanager sends it, and a replay changes nothing", async () => {
      const body = alertmanagerBody("firing", [
        {
          fingerprint: "5e8ca8d9c4b6f2a1",
          labels: {
            alertname: "KubePodCrashLooping",
            namespace: "payments",
            pod: "api-7d9f",
            severity: "critical",
          },
          annotations: {
            summary: "Pod payments/api-7d9f is crash looping",
            runbook_url: "https://runbooks.example/crashloop",
          },
        },
      ]);
      const res = await post(t, keys.am?.path ?? "", keys.am?.key ?? "", body);
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().alerts[0].outcome, "created");
      const [incident] = await incidents();
      assert.equal(incident?.severity, "SEV1");
      assert.equal(incident?.service, "api");
      assert.equal(incident?.title, "KubePodCrashLooping: Pod payments/api-7d9f is crash looping");
      const again = await post(t, keys.am?.path ?? "", keys.am?.key ?? "", body);
      assert.equal(again.json().alerts[0].outcome, "unchanged");
      const detail = await t.app.inject({
        url: `/api/v1/incidents/${incident?.id}`,
        headers: t.as("viewer"),
      });
      assert.deepEqual(
        detail.json().runbooks.map((r: { url: string }) => r.url),
        ["https://runbooks.example/crashloop"],
      );
      const resolved = await post(t, keys.am?.path ?? "", keys.am?.key ?? "", {
        ...body,
        status: "resolved",
        alerts: body.alerts.map((a) => ({ ...a, status: "resolved", endsAt: "2026-11-02T08:59:30.000Z" })),
      });
      assert.equal(resolved.json().alerts[0].outcome, "resolved");
      assert.equal((await incidents())[0]?.status, "resolved");
      const stale = await post(t, keys.am?.path ?? "", keys.am?.key ?? "", body);
      assert.equal(stale.json().alerts[0].outcome, "ignored", "a re-sent firing of the resolved occurrence");
    });

    it("is a drop-in Alertmanager API for Prometheus (POST /api/v2/alerts)", async () => {
      const alerts = [
        {
          labels: { alertname: "TargetDown", job: "node", instance: "db-1:9100", severity: "warning" },
          annotations: { summary: "db-1 is down" },
          startsAt: "2026-11-02T08:59:00.000Z",
          endsAt: "2026-11-02T09:04:00.000Z",
          generatorURL: "http://prometheus:9090/graph?g0.expr=up",
        },
      ];
      const res = await post(t, "/api/v2/alerts", keys.am?.key ?? "", alerts);
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().alerts[0].outcome, "created");
      const prefixed = await post(
        t,
        "/api/v1/integrations/prom/alertmanager/api/v2/alerts",
        keys.am?.key ?? "",
        alerts,
      );
      assert.equal(prefixed.json().alerts[0].outcome, "unchanged");
      t.clock.advance(10 * 60_000);
      const ended = await post(t, "/api/v2/alerts", keys.am?.key ?? "", alerts);
      assert.equal(ended.json().alerts[0].outcome, "resolved", "endsAt in the past means resolved");
    });

    it("takes Grafana's unified alerting webhook", async () => {
      const res = await post(t, keys.grafana?.path ?? "", keys.grafana?.key ?? "", {
        receiver: "opsdeck",
        status: "firing",
        orgId: 1,
        alerts: [
          {
            status: "firing",
            labels: { alertname: "HighCPU", grafana_folder: "Infra", instance: "web-3" },
            annotations: { summary: "CPU above 90% for 10m", description: "web-3 at 97%" },
            startsAt: "2026-11-02T08:55:00Z",
            endsAt: "0001-01-01T00:00:00Z",
            generatorURL: "https://grafana.example/alerting/grafana/abc/view",
            fingerprint: "c6eadffa33fcdf37",
            silenceURL: "https://grafana.example/alerting/silence/new",
            dashboardURL: "https://grafana.example/d/xyz",
            panelURL: "https://grafana.example/d/xyz?viewPanel=2",
            values: { B: 97.1 },
            valueString: "[ var='B' labels={instance=web-3} value=97.1 ]",
          },
        ],
        groupLabels: { alertname: "HighCPU" },
        commonLabels: { alertname: "HighCPU" },
        commonAnnotations: {},
        externalURL: "https://grafana.example/",
        version: "1",
        groupKey: '{}/{}:{alertname="HighCPU"}',
        truncatedAlerts: 0,
        title: "[FIRING:1] HighCPU Infra",
        state: "alerting",
        message: "**Firing**",
      });
      assert.equal(res.statusCode, 200, res.body);
      const alerts = await t.app.inject({
        url: "/api/v1/alerts?integration=grafana",
        headers: t.as("viewer"),
      });
      const [alert] = alerts.json().items;
      assert.equal(alert.service, "web");
      assert.equal(alert.severity, "SEV3");
      assert.deepEqual(
        alert.links.map((l: { title: string }) => l.title),
        ["Source", "Dashboard", "Panel", "Silence in Grafana"],
      );
    });

    it("takes PagerDuty Events v2 trigger, acknowledge and resolve, with the key in routing_key", async () => {
      const trigger = {
        routing_key: keys.pd?.key,
        event_action: "trigger",
        dedup_key: "srv01/disk",
        payload: {
          summary: "Disk /var on srv01 is 95% full",
          source: "srv01.example.com",
          severity: "error",
          component: "disk",
          group: "prod-datapipe",
          class: "disk",
          custom_details: { free_space: "1.2GB", ping_time: "1500ms" },
        },
        links: [{ href: "https://monitoring.example/srv01", text: "Host dashboard" }],
        client: "Sample Monitoring Service",
        client_url: "https://monitoring.example",
      };
      const send = (body: unknown) =>
        t.app.inject({ method: "POST", url: "/v2/enqueue", payload: body as object });
      const res = await send(trigger);
      assert.equal(res.statusCode, 202, res.body);
      assert.deepEqual(res.json(), {
        status: "success",
        message: "Event processed",
        dedup_key: "srv01/disk",
      });
      const pd = (await incidents()).find((i) => i.service === "dns");
      assert.equal(pd?.severity, "SEV2");
      await send({ routing_key: keys.pd?.key, event_action: "acknowledge", dedup_key: "srv01/disk" });
      assert.equal((await incidents()).find((i) => i.id === pd?.id)?.status, "acknowledged");
      await send({ routing_key: keys.pd?.key, event_action: "resolve", dedup_key: "srv01/disk" });
      assert.equal((await incidents()).find((i) => i.id === pd?.id)?.status, "resolved");
      const wrongKey = await send({ ...trigger, routing_key: "0123456789abcdef0123456789abcdef" });
      assert.equal(wrongKey.statusCode, 401);
      const bearer = await post(t, keys.pd?.path ?? "", keys.pd?.key ?? "", {
        ...trigger,
        routing_key: "ignored-with-a-header",
        dedup_key: undefined,
      });
      assert.equal(bearer.statusCode, 202, bearer.body);
      assert.ok(bearer.json().dedup_key);
      // With the key in the header, routing_key may be left out (docs/alerts.md: "also" in the body).
      const { routing_key: _, ...headerOnly } = trigger;
      const noBodyKey = await post(t, keys.pd?.path ?? "", keys.pd?.key ?? "", {
        ...headerOnly,
        dedup_key: "srv02/disk",
      });
      assert.equal(noBodyKey.statusCode, 202, noBodyKey.body);
      const noKeyAtAll = await send(headerOnly);
      assert.equal(noKeyAtAll.statusCode, 401, noKeyAtAll.body);
    });

    it("takes the generic webhook", async () => {
      const res = await post(t, keys.hook?.path ?? "", keys.hook?.key ?? "", {
        title: "Nightly build failed",
        dedupKey: "build-nightly",
        severity: "warning",
        labels: { pipeline: "nightly" },
        links: [{ url: "https://ci.example/builds/812", title: "Build 812" }],
        runbookUrl: "https://runbooks.example/ci",
      });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().alerts[0].outcome, "created");
      const resolved = await post(t, keys.hook?.path ?? "", keys.hook?.key ?? "", {
        title: "Nightly build failed",
        dedupKey: "build-nightly",
        status: "resolved",
      });
      assert.equal(resolved.json().alerts[0].outcome, "resolved");
    });

    it("refuses a wrong key, a key of another integration, and a format the integration does not take", async () => {
      const body = alertmanagerBody("firing", [{ fingerprint: "f1", labels: { alertname: "X" } }]);
      assert.equal((await post(t, keys.am?.path ?? "", "odi_wrong", body)).statusCode, 401);
      assert.equal((await post(t, keys.am?.path ?? "", keys.hook?.key ?? "", body)).statusCode, 401);
      const noHeader = await t.app.inject({ method: "POST", url: keys.am?.path ?? "", payload: body });
      assert.equal(noHeader.statusCode, 401);
      assert.equal(noHeader.headers["content-type"], "application/problem+json; charset=utf-8");
      const wrongType = await post(t, "/api/v2/alerts", keys.hook?.key ?? "", [
        { labels: { alertname: "X" } },
      ]);
      assert.equal(wrongType.statusCode, 400);
      assert.match(wrongType.json().detail, /receives webhook payloads/);
    });
  });
}
