import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { InputError } from "../../platform/errors.ts";
import { applyDocuments } from "../../platform/manifests/apply.ts";
import { loadManifestPaths, parseManifestText } from "../../platform/manifests/load.ts";
import { testEngines } from "../../platform/testing/databases.ts";
import { startTestApp, type TestApp } from "../../platform/testing/test-app.ts";
import { manifestRegistry } from "../registry.ts";
import { getTeam } from "../teams/index.ts";
import { getEntity } from "./catalog.service.ts";

const examples = fileURLToPath(
  new URL("../../../../shared/fixtures/backstage/packages/catalog-model/examples/", import.meta.url),
);
const cwd = fileURLToPath(new URL("../../../", import.meta.url));

async function applyFiles(t: TestApp, ...files: string[]) {
  const { documents, issues } = loadManifestPaths(
    files.map((f) => join(examples, f)),
    cwd,
  );
  return applyDocuments(
    t.database.db,
    t.system,
    documents,
    manifestRegistry(),
    { dryRun: false, prune: false },
    issues,
  );
}

async function applyText(t: TestApp, text: string, file = "catalog.yaml") {
  const { documents, issues } = parseManifestText(text, file);
  return applyDocuments(
    t.database.db,
    t.system,
    documents,
    manifestRegistry(),
    { dryRun: false, prune: false },
    issues,
  );
}

async function refused(work: Promise<unknown>): Promise<InputError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  assert.fail("the apply was accepted");
}

for (const engine of testEngines()) {
  describe(`catalog apply on ${engine.name}`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(engine);
    });
    after(() => t.close());

    it("applies the Backstage example catalog as it is, and a second time changes nothing", async () => {
      const first = await applyFiles(t, "all.yaml", "acme-corp.yaml");
      assert.equal(first.filter((c) => c.action === "create").length, first.length);
      const kinds = (k: string) => first.filter((c) => c.kind === k).length;
      assert.deepEqual(
        [
          kinds("Service"),
          kinds("Component"),
          kinds("API"),
          kinds("System"),
          kinds("Domain"),
          kinds("Resource"),
        ],
        [12, 1, 11, 3, 3, 1],
      );
      assert.equal(kinds("Team"), 9);
      // 17 User documents; the two `guest` users (default and development namespaces) share an email: one person.
      assert.equal(kinds("User"), 16);
      const second = await applyFiles(t, "all.yaml", "acme-corp.yaml");
      assert.deepEqual(
        second.filter((c) => c.action !== "unchanged"),
        [],
      );
    });

    it("ends up with team membership and the team tree whichever side declares them", async () => {
      const teamA = await getTeam(t.database.db, "team-a");
      assert.deepEqual(
        teamA.members.map((m) => m.name),
        ["breanna.davison", "guest", "janelle.dawe", "nigel.manning"],
      );
      assert.equal(teamA.parent, "backstage");
      assert.equal((await getTeam(t.database.db, "infrastructure")).parent, "acme-corp");
    });

    it("maps Backstage fields, keeps unresolved refs and the remote placeholder, and resolves a local one", async () => {
      const order = await getEntity(t.database.db, t.clock, "service", "playback-order");
      assert.equal(order.owner?.ref, "group:guest");
      assert.equal(order.owner?.resolved, false);
      assert.deepEqual(order.unresolved, [
        { field: "owner", ref: "group:guest", reason: "no team named 'guest'" },
      ]);
      const searcher = await getEntity(t.database.db, t.clock, "service", "searcher");
      assert.equal(searcher.owner?.ref, "user:guest");
      assert.equal(searcher.owner?.resolved, true);
      const spotify = await getEntity(t.database.db, t.clock, "api", "spotify");
      assert.equal(spotify.unresolved[0]?.field, "definition");
      const webhook = await getEntity(t.database.db, t.clock, "api", "petstore-webhook");
      assert.equal(webhook.unresolved.length, 0);
      assert.match(String(webhook.spec.definition), /^openapi: 3\.1\.0/);
      const lib = await getEntity(t.database.db, t.clock, "component", "playback-sdk");
      assert.equal(lib.type, "library");
    });

    it("refuses invalid-component.yaml naming file, document, line and field", async () => {
      const e = await refused(applyFiles(t, "components/invalid-component.yaml"));
      const issue = e.issues.find((i) => i.path === "metadata.name");
      assert.ok(issue);
      assert.match(issue.file ?? "", /components\/invalid-component\.yaml$/);
      assert.equal(issue.document, 1);
      assert.equal(issue.line, 4);
      assert.match(e.message, /invalid-component\.yaml:4 document 1: metadata\.name/);
    });

    it("refuses bad input as a whole, each problem naming file, document and field", async () => {
      const before = await t.database.db.read.selectFrom("catalog_entities").select("id").execute();
      const e = await refused(
        applyText(
          t,
          `apiVersion: opsdeck.dev/v1
kind: Service
metadata: { name: fine-service }
spec: { owner: platform, tier: 2 }
---
apiVersion: opsdeck.dev/v1
kind: Service
metadata: { name: seven }
spec:
  tier: 7
---
apiVersion: opsdeck.dev/v1
kind: Service
metadata: { name: slow }
spec:
  rto: 4 hours
---
apiVersion: opsdeck.dev/v1
kind: Gadget
metadata: { name: thing }
spec: {}
---
apiVersion: opsdeck.dev/v1
kind: Service
metadata: { name: fine-service }
spec: {}
---
apiVersion: opsdeck.dev/v1
kind: Resource
metadata: { name: "orders db" }
spec: { type: database }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: annotated
  annotations: { opsdeck.dev/tier: "7" }
spec: { type: service, lifecycle: production, owner: team-a }
---
apiVersion: opsdeck.dev/v1
kind: Service
metadata: { name: needs }
spec:
  dependsOn: [orders-db]
`,
          "bad.yaml",
        ),
      );
      const where = e.issues.map((i) => `${i.file}#${i.document}:${i.line} ${i.path}`);
      assert.deepEqual(where, [
        "bad.yaml#2:10 spec.tier",
        "bad.yaml#3:16 spec.rto",
        "bad.yaml#4:19 kind",
        "bad.yaml#5:25 metadata.name",
        "bad.yaml#6:30 metadata.name",
        "bad.yaml#7:37 metadata.annotations.opsdeck.dev/tier",
        "bad.yaml#8:44 spec.dependsOn.0",
      ]);
      assert.match(e.issues[0]?.message ?? "", /1, 2, 3 or 4/);
      assert.match(e.issues[1]?.message ?? "", /not a duration/);
      assert.match(e.issues[3]?.message ?? "", /duplicate Service 'fine-service'/);
      assert.match(e.issues[6]?.message ?? "", /names no kind/);
      const after = await t.database.db.read.selectFrom("catalog_entities").select("id").execute();
      assert.equal(after.length, before.length);
    });

    it("keeps refs to missing entities as unresolved, and they resolve when the entity arrives", async () => {
      await applyText(
        t,
        `apiVersion: opsdeck.dev/v1
kind: Service
metadata: { name: checkout }
spec: { owner: payments, dependsOn: [resource:orders-db, service:ledger] }
`,
      );
      const early = await getEntity(t.database.db, t.clock, "service", "checkout");
      assert.deepEqual(
        early.unresolved.map((u) => u.ref),
        ["group:payments", "resource:orders-db", "service:ledger"],
      );
      assert.deepEqual(
        early.dependencies.map((d) => [d.name, d.resolved]),
        [
          ["orders-db", false],
          ["ledger", false],
        ],
      );
      await applyText(
        t,
        `apiVersion: opsdeck.dev/v1
kind: Resource
metadata: { name: orders-db }
spec: { type: database }
---
apiVersion: opsdeck.dev/v1
kind: Team
metadata: { name: payments }
spec: { members: [viewer1] }
`,
      );
      const later = await getEntity(t.database.db, t.clock, "service", "checkout");
      assert.deepEqual(
        later.unresolved.map((u) => u.ref),
        ["service:ledger"],
      );
      assert.equal(later.owner?.resolved, true);
    });

    it("keeps services and other components in one name space, case-insensitively", async () => {
      const e = await refused(
        applyText(
          t,
          `apiVersion: opsdeck.dev/v1
kind: Component
metadata: { name: Checkout }
spec: { type: library }
`,
        ),
      );
      assert.match(e.message, /already exists as a service/);
    });
  });
}
