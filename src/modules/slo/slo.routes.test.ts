import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { testEngines } from "../../platform/testing/databases.ts";
import { startTestApp, type TestApp } from "../../platform/testing/test-app.ts";
import { applyYaml, minutes, push, runEvaluation } from "./test-support.ts";

const manifests = `
apiVersion: opsdeck.dev/v1
kind: Integration
metadata: { name: slo-alerts }
spec: { type: webhook, service: checkout, severity: SEV3 }
---
apiVersion: opsdeck.dev/v1
kind: SLO
metadata: { name: checkout-availability }
spec:
  service: checkout
  objective: 0.99
  window: { rolling: 30d }
  indicator: { events: {} }
  alerting: { integration: slo-alerts }
---
apiVersion: opsdeck.dev/v1
kind: SLO
metadata: { name: checkout-quiet }
spec:
  service: checkout
  objective: 0.99
  window: { rolling: 30d }
  indicator: { events: {} }
  alerting: { integration: slo-alerts, minEvents: 1000000 }
`;

async function alertById(t: TestApp, id: string) {
  const items = (await t.app.inject({ url: "/api/v1/alerts?limit=1000", headers: t.as("viewer") })).json()
    .items;
  return items.find((a: { id: string }) => a.id === id) as { status: string; incidentId: string | null };
}

for (const engine of testEngines()) {
  describe(`SLO API on ${engine.name}`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(engine);
      t.clock.set("2026-11-02T09:00:30.000Z");
      await applyYaml(t, manifests);
    });
    after(() => t.close());

    it("takes pushed minutes and computes SLI, budget and burn rates", async () => {
      // 08:00-08:59: 1000 requests a minute, all good.
      for (const name of ["checkout-availability", "checkout-quiet"]) {
        const res = await push(t, name, minutes("2026-11-02T08:00:00Z", 60, 1000, 0));
        assert.equal(res.statusCode, 200, res.body);
        assert.deepEqual(res.json(), { accepted: 60 });
      }
      const status = (
        await t.app.inject({ url: "/api/v1/slos/checkout-availability/status", headers: t.as("viewer") })
      ).json();
      assert.equal(status.sli, 1);
      assert.equal(status.burnRates["1h"], 0);
      assert.deepEqual(status.errorBudget, { total: 600, consumed: 0, remaining: 1 }, "1% of 60000 events");
      assert.equal(status.dataGap, false);
    });

    it("refuses bad events with a 400 naming the field and index, storing nothing", async () => {
      const cases: [unknown[], string][] = [
        [[{ start: "2026-11-02T09:00:00Z", good: 11, total: 10 }], "events[0].good"],
        [[{ start: "2026-11-02T09:05:00Z", good: 1, total: 1 }], "events[0].start"],
        [[{ start: "2026-11-02T08:30:00Z", good: 1, total: 1 }], "events[0].start"],
        [
          [...minutes("2026-11-02T09:00:00Z", 1, 5, 0), { start: "2026-11-02T09:00:00Z", good: 1, total: 1 }],
          "events[1].start",
        ],
        [[{ start: "2026-11-02T09:00:10Z", good: 1, total: 1 }], "events[0].start"],
        [[{ start: "2026-11-02T09:00:00Z", good: -1, total: 1 }], "events.0.good"],
      ];
      for (const [events, path] of cases) {
        const res = await push(t, "checkout-availability", events);
        assert.equal(res.statusCode, 400, `${path}: ${res.body}`);
        assert.ok(JSON.stringify(res.json().errors).includes(path), `${path} named in ${res.body}`);
      }
      const viewer = await push(
        t,
        "checkout-availability",
        minutes("2026-11-02T09:00:00Z", 1, 5, 0),
        "viewer",
      );
      assert.equal(viewer.statusCode, 403);
      const status = (
        await t.app.inject({ url: "/api/v1/slos/checkout-availability/status", headers: t.as("viewer") })
      ).json();
      assert.equal(status.events.total, 60_000, "nothing of the refused pushes was stored");
    });

    it("pages through the integration when both windows burn, opening an incident, but not under minEvents", async () => {
      // 09:00-09:09: half of the requests fail.
      t.clock.set("2026-11-02T09:10:10.000Z");
      for (const name of ["checkout-availability", "checkout-quiet"])
        assert.equal((await push(t, name, minutes("2026-11-02T09:00:00Z", 10, 1000, 500))).statusCode, 200);
      const status = (
        await t.app.inject({ url: "/api/v1/slos/checkout-availability/status", headers: t.as("viewer") })
      ).json();
      // 1h window 08:10-09:10: 5000 bad of 60000 -> 0.08333 / 0.01 = 8.33; 5m: 0.5 / 0.01 = 50.
      assert.ok(Math.abs(status.burnRates["1h"] - 8.3333) < 1e-3, String(status.burnRates["1h"]));
      assert.ok(Math.abs(status.burnRates["5m"] - 50) < 1e-9);
      assert.ok((await runEvaluation(t)) >= 1);
      const history = (
        await t.app.inject({ url: "/api/v1/slos/checkout-availability/alerts", headers: t.as("viewer") })
      ).json();
      type Entry = {
        severity: string;
        state: string;
        windows: string[];
        burnRates: { long: number };
        alertId: string;
      };
      const page = history.items.find((i: Entry) => i.severity === "page") as Entry;
      const ticket = history.items.find((i: Entry) => i.severity === "ticket") as Entry;
      // Page: 1h/5m does not (8.33 < 14.4), 6h/30m does: 6h holds 70 minutes, 5000 / 70000 / 0.01 = 7.14 >= 6,
      // 30m: 5000 / 30000 / 0.01 = 16.67 >= 6. Ticket: 1d (7.14) and 2h (7.14) both >= 3.
      assert.deepEqual(
        [page.state, page.windows, ticket.state, ticket.windows],
        ["firing", ["6h", "30m"], "firing", ["1d", "2h"]],
      );
      assert.ok(Math.abs(page.burnRates.long - 7.142857) < 1e-4);
      assert.ok(page.alertId);
      const alert = await alertById(t, page.alertId);
      assert.equal(alert.status, "firing");
      assert.ok(alert.incidentId, "the page opened an incident");
      const quiet = (
        await t.app.inject({ url: "/api/v1/slos/checkout-quiet/alerts", headers: t.as("viewer") })
      ).json();
      assert.deepEqual(quiet.items, [], "minEvents keeps a low-traffic SLO from paging");
      const list = (
        await t.app.inject({ url: "/api/v1/slos?service=Checkout", headers: t.as("viewer") })
      ).json();
      assert.deepEqual(
        list.items.map((i: { name: string; burning: string | null }) => [i.name, i.burning]),
        [
          ["checkout-availability", "page"],
          ["checkout-quiet", null],
        ],
      );
    });

    it("re-evaluating while it burns records nothing new, and it resolves once the burn stops", async () => {
      t.clock.set("2026-11-02T09:11:05.000Z");
      await push(t, "checkout-availability", minutes("2026-11-02T09:10:00Z", 1, 1000, 500));
      await runEvaluation(t);
      let history = (
        await t.app.inject({ url: "/api/v1/slos/checkout-availability/alerts", headers: t.as("viewer") })
      ).json();
      assert.equal(history.items.length, 2, "still burning: no new history rows");
      t.clock.set("2026-11-02T09:45:05.000Z");
      const res = await push(t, "checkout-availability", minutes("2026-11-02T09:11:00Z", 34, 1000, 0));
      assert.equal(res.statusCode, 200, res.body);
      await runEvaluation(t);
      history = (
        await t.app.inject({ url: "/api/v1/slos/checkout-availability/alerts", headers: t.as("viewer") })
      ).json();
      assert.deepEqual(
        history.items.map((i: { severity: string; state: string }) => `${i.severity} ${i.state}`).sort(),
        // 30m now holds only good minutes: the page resolves. The ticket's 2h window still holds 11 bad
        // minutes of 105: 5500 / 105000 / 0.01 = 5.2 >= 3, so it keeps firing.
        ["page resolved", "page firing", "ticket firing"].sort(),
      );
      const alert = await alertById(t, history.items[0].alertId);
      assert.equal(alert.status, "resolved");
    });

    it("shows detail and a series whose last point is the current window", async () => {
      const detail = (
        await t.app.inject({ url: "/api/v1/slos/checkout-availability", headers: t.as("viewer") })
      ).json();
      assert.equal(detail.spec.window.days, 30);
      const series = await t.app.inject({
        url: "/api/v1/slos/checkout-availability/series?from=2026-11-02T08:00:00Z&to=2026-11-02T09:45:00Z&points=7",
        headers: t.as("viewer"),
      });
      assert.equal(series.statusCode, 200, series.body);
      const points = series.json().points as { at: string; sli: number; good: number; total: number }[];
      assert.equal(points.length, 7);
      assert.equal(points.at(-1)?.at, "2026-11-02T09:45:00.000Z");
      const sum = points.reduce((acc, p) => acc + p.total, 0);
      assert.equal(sum, 105 * 1000, "the buckets add up to every pushed event");
      assert.equal(points.at(-1)?.sli, detail.status.sli);
    });

    it("refuses bad SLO manifests naming the field, applying nothing", async () => {
      const bad = (spec: string) =>
        `apiVersion: opsdeck.dev/v1\nkind: SLO\nmetadata: { name: broken }\nspec: { service: checkout, indicator: { events: {} }, ${spec} }\n`;
      const cases: [string, string, RegExp][] = [
        ["objective: 1.2, window: { rolling: 30d }", "spec.objective", /below 1/],
        ["objective: 0.99, window: { rolling: 0d }", "spec.window.rolling", /whole days from 1d/],
        ["objective: 0.99, window: { calendar: year }", "spec.window.calendar", /month|quarter/],
        [
          "objective: 0.99, window: { rolling: 30d }, alerting: { integration: nope }",
          "spec",
          /no integration named 'nope'/,
        ],
      ];
      for (const [spec, path, message] of cases) {
        const res = await t.app.inject({
          method: "POST",
          url: "/api/v1/apply",
          headers: { ...t.as("manager"), "content-type": "application/yaml" },
          payload: bad(spec),
        });
        assert.equal(res.statusCode, 400, res.body);
        const issue = res.json().errors.find((e: { path: string }) => e.path === path);
        assert.ok(issue, `${path} in ${res.body}`);
        assert.match(issue.message, message);
      }
      assert.equal(
        (await t.app.inject({ url: "/api/v1/slos/broken", headers: t.as("viewer") })).statusCode,
        404,
      );
      // `/api/v1/slos/rules` is the Prometheus rules route: an SLO of that name could never be shown.
      const reserved = await t.app.inject({
        method: "POST",
        url: "/api/v1/apply",
        headers: { ...t.as("manager"), "content-type": "application/yaml" },
        payload: bad("objective: 0.99, window: { rolling: 30d }").replace("name: broken", "name: rules"),
      });
      assert.equal(reserved.statusCode, 400, reserved.body);
      const nameIssue = reserved.json().errors.find((e: { path: string }) => e.path === "metadata.name");
      assert.match(
        nameIssue?.message ?? reserved.body,
        /SLO name 'rules' is reserved: GET \/api\/v1\/slos\/rules/,
      );
    });

    it("re-applying the same manifests changes nothing", async () => {
      const res = await t.app.inject({
        method: "POST",
        url: "/api/v1/apply?dryRun=true",
        headers: { ...t.as("manager"), "content-type": "application/yaml" },
        payload: manifests,
      });
      assert.deepEqual(
        res.json().changes.map((c: { action: string }) => c.action),
        ["unchanged", "unchanged", "unchanged"],
      );
    });

    it("serves the CLI's --url mode with an API token", async () => {
      const address = await t.app.listen({ port: 0, host: "127.0.0.1" });
      // Asynchronous: the server answering the CLI runs in this process's event loop.
      const r = await promisify(execFile)(
        process.execPath,
        ["bin/opsdeck.js", "slo", "list", "--json", "--url", address],
        {
          cwd: fileURLToPath(new URL("../../../", import.meta.url)),
          env: { PATH: process.env.PATH ?? "", OPSDECK_TOKEN: t.tokens.viewer, OPSDECK_LOG_LEVEL: "silent" },
          encoding: "utf8",
        },
      );
      assert.deepEqual(
        JSON.parse(r.stdout).items.map((i: { name: string }) => i.name),
        ["checkout-availability", "checkout-quiet"],
      );
    });

    it("answers 404 for an unknown SLO and 400 for a bad `at`", async () => {
      assert.equal(
        (await t.app.inject({ url: "/api/v1/slos/nope/status", headers: t.as("viewer") })).statusCode,
        404,
      );
      assert.equal(
        (
          await t.app.inject({
            url: "/api/v1/slos/checkout-availability/status?at=yesterday",
            headers: t.as("viewer"),
          })
        ).statusCode,
        400,
      );
    });
  });
}
