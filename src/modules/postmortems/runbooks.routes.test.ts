import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { listAudit } from "../../platform/audit/index.ts";
import { testEngines } from "../../platform/testing/databases.ts";
import { startTestApp, type TestApp } from "../../platform/testing/test-app.ts";
import { alertmanagerBody, makeIntegration, post } from "../alerts/test-support.ts";
import { applyYaml, caller } from "./test-support.ts";

const manifest = (body: string, services = "[payments-api]") => `
apiVersion: opsdeck.dev/v1
kind: Runbook
metadata: { name: payments-db-failover }
spec:
  title: "Payments DB failover"
  services: ${services}
  match: ['alertname=~"Postgres.*"']
  body: |
${body
  .split("\n")
  .map((l) => `    ${l}`)
  .join("\n")}
`;

for (const engine of testEngines()) {
  describe(`runbooks on ${engine.name}`, () => {
    let t: TestApp;
    const call = caller(() => t);
    const versions = async () =>
      (await call("viewer", "GET", "/api/v1/runbooks/payments-db-failover/versions"))
        .json()
        .items.map((v: { version: number }) => v.version);
    before(async () => {
      t = await startTestApp(engine);
    });
    after(() => t.close());

    it("keeps versions through apply: a changed body is a new version, the same document changes nothing", async () => {
      const first = await applyYaml(t, manifest("# Failover\n\n1. Check replication"));
      assert.equal(first.statusCode, 200, first.body);
      assert.deepEqual(
        first.json().changes.map((c: { kind: string; action: string }) => [c.kind, c.action]),
        [["Runbook", "create"]],
      );
      const same = await applyYaml(t, manifest("# Failover\n\n1. Check replication"));
      assert.deepEqual(
        same.json().changes.map((c: { action: string }) => c.action),
        ["unchanged"],
      );
      assert.deepEqual(await versions(), [1]);
      const changed = await applyYaml(
        t,
        manifest("# Failover\n\n1. Check replication\n2. Promote the replica"),
      );
      assert.deepEqual(
        changed.json().changes.map((c: { action: string }) => c.action),
        ["update"],
      );
      assert.deepEqual(await versions(), [2, 1]);
      // Linking another service is not a new version of the text.
      await applyYaml(
        t,
        manifest("# Failover\n\n1. Check replication\n2. Promote the replica", "[payments-api, ledger]"),
      );
      assert.deepEqual(await versions(), [2, 1]);
      const got = (await call("viewer", "GET", "/api/v1/runbooks/payments-db-failover")).json();
      assert.equal(got.version, 2);
      assert.deepEqual(got.services, ["ledger", "payments-api"]);
      assert.match(got.body, /Promote the replica/);
    });

    it("saves a new version for an edit in the UI, and none for a save without changes", async () => {
      const current = (await call("viewer", "GET", "/api/v1/runbooks/payments-db-failover")).json();
      const edited = await call("responder", "PATCH", "/api/v1/runbooks/payments-db-failover", {
        body: `${current.body.trimEnd()}\n3. Tell the payments team\n`,
        message: "Add the comms step",
      });
      assert.equal(edited.statusCode, 200, edited.body);
      assert.equal(edited.json().version, 3);
      assert.equal(edited.json().author, "responder1");
      const unchanged = await call("responder", "PATCH", "/api/v1/runbooks/payments-db-failover", {
        body: edited.json().body,
      });
      assert.equal(unchanged.json().version, 3);
      const list = (await call("viewer", "GET", "/api/v1/runbooks/payments-db-failover/versions")).json()
        .items;
      assert.deepEqual(
        list.map((v: { version: number; author: string; message: string }) => [
          v.version,
          v.author,
          v.message,
        ]),
        [
          [3, "responder1", "Add the comms step"],
          [2, "manager1", "Applied from a manifest"],
          [1, "manager1", "Applied from a manifest"],
        ],
      );
      const v1 = (await call("viewer", "GET", "/api/v1/runbooks/payments-db-failover/versions/1")).json();
      assert.equal(v1.body.trimEnd(), "# Failover\n\n1. Check replication");
      const audit = await listAudit(t.database.db.read, {
        entityType: "runbook",
        entityId: "payments-db-failover",
        limit: 20,
      });
      assert.equal(audit.filter((a) => a.action === "runbook.update").length, 3);
      assert.equal(audit.filter((a) => a.action === "runbook.create").length, 1);
    });

    it("diffs any two versions line by line", async () => {
      const res = await call("viewer", "GET", "/api/v1/runbooks/payments-db-failover/diff?from=1&to=3");
      assert.equal(res.statusCode, 200, res.body);
      const diff = res.json();
      assert.equal(diff.added, 2);
      assert.equal(diff.removed, 0);
      assert.deepEqual(
        diff.parts
          .filter((p: { kind: string }) => p.kind === "added")
          .flatMap((p: { lines: string[] }) => p.lines),
        ["2. Promote the replica", "3. Tell the payments team"],
      );
      assert.match(diff.unified, /^\+3\. Tell the payments team$/m);
      const back = (
        await call("viewer", "GET", "/api/v1/runbooks/payments-db-failover/diff?from=3&to=2")
      ).json();
      assert.equal(back.removed, 1);
      const missing = await call("viewer", "GET", "/api/v1/runbooks/payments-db-failover/diff?from=1&to=9");
      assert.equal(missing.statusCode, 400);
      assert.equal(missing.json().errors[0].path, "to");
      assert.equal(
        (await call("viewer", "GET", "/api/v1/runbooks/payments-db-failover/diff?from=x&to=1")).statusCode,
        400,
      );
      assert.equal((await call("viewer", "GET", "/api/v1/runbooks/nope/diff?from=1&to=1")).statusCode, 404);
    });

    it("refuses bad runbooks naming the field, in the API and in manifests", async () => {
      const badMatcher = await call("responder", "POST", "/api/v1/runbooks", {
        name: "broken",
        title: "Broken",
        body: "x",
        match: ['alertname=~"(unclosed"'],
      });
      assert.equal(badMatcher.statusCode, 400);
      assert.equal(badMatcher.json().errors[0].path, "body.match.0");
      const noTitle = await call("responder", "POST", "/api/v1/runbooks", { name: "broken", body: "x" });
      assert.equal(noTitle.statusCode, 400);
      assert.equal(noTitle.json().errors[0].path, "body.title");
      const dup = await call("responder", "POST", "/api/v1/runbooks", {
        name: "payments-db-failover",
        title: "x",
        body: "",
      });
      assert.equal(dup.statusCode, 409);
      const badDoc = await applyYaml(t, manifest("x").replace("alertname=~", "alertname=~~"));
      assert.equal(badDoc.statusCode, 400);
      assert.match(JSON.stringify(badDoc.json().errors), /spec\.match/);
      assert.equal(
        (await call("viewer", "POST", "/api/v1/runbooks", { name: "a", title: "a", body: "" })).statusCode,
        403,
      );
    });

    it("shows runbooks on an incident whose alerts match or whose service is linked", async () => {
      await call("responder", "POST", "/api/v1/runbooks", {
        name: "ledger-basics",
        title: "Ledger basics",
        services: ["ledger"],
        body: "Restart the ledger",
      });
      await call("responder", "POST", "/api/v1/runbooks", {
        name: "cdn",
        title: "CDN",
        match: ['alertname="CdnDown"'],
        body: "Purge",
      });
      const prom = await makeIntegration(t, "prom", {
        type: "alertmanager",
        service: "checkout",
        groupBy: ["alertname"],
      });
      const sent = await post(
        t,
        prom.path,
        prom.key,
        alertmanagerBody("firing", [
          { fingerprint: "f1", labels: { alertname: "PostgresDown", cluster: "pg-1" } },
        ]),
      );
      assert.ok(sent.statusCode < 300, sent.body);
      const incidents = (await call("viewer", "GET", "/api/v1/incidents")).json().items;
      assert.equal(incidents.length, 1);
      const byAlert = (
        await call("viewer", "GET", `/api/v1/incidents/${incidents[0].number}/runbooks`)
      ).json().items;
      assert.deepEqual(
        byAlert.map((r: { name: string; reasons: string[] }) => [r.name, r.reasons]),
        [["payments-db-failover", [`alert:${incidents[0].title} matches alertname=~"Postgres.*"`]]],
      );
      const declared = await call("responder", "POST", "/api/v1/incidents", {
        title: "Ledger slow",
        services: ["ledger"],
      });
      const byService = (
        await call("viewer", "GET", `/api/v1/incidents/${declared.json().number}/runbooks`)
      ).json().items;
      assert.deepEqual(
        byService.map((r: { name: string }) => r.name),
        ["ledger-basics", "payments-db-failover"],
      );
      assert.equal((await call("viewer", "GET", "/api/v1/incidents/404/runbooks")).statusCode, 404);
    });

    it("deletes a runbook with its versions (managers only)", async () => {
      assert.equal((await call("responder", "DELETE", "/api/v1/runbooks/cdn")).statusCode, 403);
      assert.equal((await call("manager", "DELETE", "/api/v1/runbooks/cdn")).statusCode, 204);
      assert.equal((await call("viewer", "GET", "/api/v1/runbooks/cdn/versions")).statusCode, 404);
      const names = (await call("viewer", "GET", "/api/v1/runbooks?service=ledger"))
        .json()
        .items.map((r: { name: string }) => r.name);
      assert.deepEqual(names, ["ledger-basics", "payments-db-failover"]);
    });
  });
}
