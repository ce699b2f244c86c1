import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { applyDocuments } from "../../platform/manifests/apply.ts";
import { parseManifestText } from "../../platform/manifests/load.ts";
import { testEngines } from "../../platform/testing/databases.ts";
import { startTestApp, type TestApp } from "../../platform/testing/test-app.ts";
import { manifestRegistry } from "../registry.ts";
import { registerReadinessCheck } from "./index.ts";

const doc = (kind: string, name: string, spec: string) =>
  `apiVersion: opsdeck.dev/v1\nkind: ${kind}\nmetadata: { name: ${name} }\nspec: ${spec}\n`;
const runbook = "runbooks: [{ url: 'https://runbooks.example/x', title: Runbook }]";

/** A small shop: web -> api -> (auth <-> session), api -> db. auth and session form a cycle. */
const shop = [
  doc("Team", "platform", "{ members: [viewer1] }"),
  doc("Team", "empty-team", "{}"),
  doc(
    "Service",
    "web",
    `{ owner: platform, tier: 1, lifecycle: production, rto: 1h, rpo: 15m, dependsOn: [service:api], ${runbook} }`,
  ),
  doc(
    "Service",
    "api",
    `{ owner: platform, tier: 1, lifecycle: production, labels: { domain: shop }, dependsOn: [service:auth, resource:db], ${runbook} }`,
  ),
  doc(
    "Service",
    "auth",
    `{ owner: platform, tier: 2, lifecycle: production, rto: PT2H, rpo: PT5M, dependsOn: [service:session], ${runbook} }`,
  ),
  doc(
    "Service",
    "session",
    "{ owner: platform, tier: 3, lifecycle: experimental, description: Session store front, dependsOn: [service:auth] }",
  ),
  doc("Service", "batch", "{ owner: empty-team }"),
  doc("Service", "lonely", `{ owner: user:viewer1, tier: 4, ${runbook} }`),
  doc("Resource", "db", "{ type: database, owner: platform }"),
  // Every service has an escalation policy whose schedule covers all time, so the escalation module's
  // silver check (oncall.schedule-covers-14d) passes and the levels below are the catalog's own.
  doc(
    "Schedule",
    "always",
    "{ timeZone: Etc/UTC, layers: [{ name: all, start: '2026-01-05T00:00', rotation: { every: 1w }, participants: [responder1] }] }",
  ),
  doc("EscalationPolicy", "everyone", "{ default: true, levels: [{ targets: ['schedule:always'] }] }"),
  // The slo module's gold check (slo.has-slo) wants an SLO on every tier 1-2 service.
  ...["web", "api", "auth"].map((s) =>
    doc(
      "SLO",
      `${s}-availability`,
      `{ service: ${s}, objective: 0.999, window: { rolling: 30d }, indicator: { events: {} } }`,
    ),
  ),
].join("---\n");

// What another module (slo) would do when it loads; it applies only to services labelled `slo`.
registerReadinessCheck({
  id: "test.has-slo",
  level: "gold",
  title: "Has an SLO",
  appliesTo: (e) => e.kind === "service" && e.labels.slo !== undefined,
  check: ({ entity }) => ({ pass: entity.labels.slo === "yes", detail: "no SLO" }),
});

describe("readiness check registry", () => {
  it("refuses a check id registered twice", () => {
    assert.throws(() =>
      registerReadinessCheck({
        id: "test.has-slo",
        level: "gold",
        title: "x",
        appliesTo: () => true,
        check: () => ({ pass: true }),
      }),
    );
  });
});

for (const engine of testEngines()) {
  describe(`catalog API on ${engine.name}`, () => {
    let t: TestApp;
    const get = async (url: string) => {
      const res = await t.app.inject({ method: "GET", url, headers: t.as("viewer") });
      assert.equal(res.statusCode, 200, res.body);
      return res.json();
    };
    before(async () => {
      t = await startTestApp(engine);
      const { documents, issues } = parseManifestText(shop, "shop.yaml");
      await applyDocuments(
        t.database.db,
        t.system,
        documents,
        manifestRegistry(),
        { dryRun: false, prune: false },
        issues,
      );
    });
    after(() => t.close());

    it("lists with filters and pagination", async () => {
      const names = (r: { items: { name: string }[] }) => r.items.map((i) => i.name);
      const all = await get("/api/v1/catalog/service");
      assert.equal(all.total, 6);
      assert.deepEqual(names(await get("/api/v1/catalog/service?tier=1")), ["api", "web"]);
      assert.deepEqual(names(await get("/api/v1/catalog/service?owner=platform")), [
        "api",
        "auth",
        "session",
        "web",
      ]);
      assert.deepEqual(names(await get("/api/v1/catalog/service?owner=user:viewer1")), ["lonely"]);
      assert.deepEqual(names(await get("/api/v1/catalog/service?label=domain=shop")), ["api"]);
      assert.deepEqual(names(await get("/api/v1/catalog/service?label=domain")), ["api"]);
      assert.deepEqual(names(await get("/api/v1/catalog/service?lifecycle=experimental")), ["session"]);
      assert.deepEqual(names(await get("/api/v1/catalog/service?search=STORE")), ["session"]);
      const page = await get("/api/v1/catalog/service?limit=2&offset=2");
      assert.deepEqual([names(page), page.total], [["batch", "lonely"], 6]);
      assert.deepEqual(names(await get("/api/v1/catalog/resource")), ["db"]);
      const bad = await t.app.inject({
        method: "GET",
        url: "/api/v1/catalog/widget",
        headers: t.as("viewer"),
      });
      assert.equal(bad.statusCode, 400);
    });

    it("gives the service page everything: owner, tier, RTO/RPO, runbooks, neighbours, scorecard", async () => {
      const web = await get("/api/v1/catalog/service/web");
      assert.equal(web.owner.displayName, "platform");
      assert.deepEqual(
        [web.tier, web.rto, web.rpo],
        [1, { iso: "PT1H", seconds: 3600 }, { iso: "PT15M", seconds: 900 }],
      );
      assert.equal(web.runbooks[0].url, "https://runbooks.example/x");
      const api = await get("/api/v1/catalog/service/API");
      assert.deepEqual(
        api.dependencies.map((d: { kind: string; name: string }) => `${d.kind}:${d.name}`).sort(),
        ["resource:db", "service:auth"],
      );
      assert.deepEqual(
        api.dependents.map((d: { name: string }) => d.name),
        ["web"],
      );
      assert.equal(api.scorecard.level, "silver");
      assert.deepEqual(api.scorecard.missing, ["catalog.rto-rpo-set"]);
    });

    it("answers impact and dependencies transitively, with depth, through a cycle", async () => {
      const impact = await get("/api/v1/catalog/service/auth/impact");
      assert.deepEqual(impact.dependents, [
        { kind: "service", name: "api", depth: 1, resolved: true },
        { kind: "service", name: "session", depth: 1, resolved: true },
        { kind: "service", name: "web", depth: 2, resolved: true },
      ]);
      assert.deepEqual(impact.cycles, [
        [
          { kind: "service", name: "auth" },
          { kind: "service", name: "session" },
        ],
      ]);
      const parts = await get("/api/v1/catalog/resource/db/impact?relations=hasPart");
      assert.deepEqual(parts.dependents, []);
      const bogus = await t.app.inject({
        method: "GET",
        url: "/api/v1/catalog/resource/db/impact?relations=bogus",
        headers: t.as("viewer"),
      });
      assert.equal(bogus.statusCode, 400);
      const db = await get("/api/v1/catalog/resource/db/impact?depth=1");
      assert.deepEqual(
        db.dependents.map((d: { name: string }) => d.name),
        ["api"],
      );
      assert.equal(db.truncated, true);
      const deps = await get("/api/v1/catalog/service/web/dependencies?depth=2");
      assert.deepEqual(
        deps.dependencies.map((d: { name: string; depth: number }) => `${d.name}@${d.depth}`),
        ["api@1", "db@2", "auth@2"],
      );
      assert.equal(deps.truncated, true);
      const all = await get("/api/v1/catalog/service/web/dependencies?depth=10");
      assert.equal(all.dependencies.length, 4);
      assert.equal(all.truncated, false);
      const cycles = await get("/api/v1/catalog/cycles");
      assert.deepEqual(cycles.cycles, [
        [
          { kind: "service", name: "auth" },
          { kind: "service", name: "session" },
        ],
      ]);
    });

    it("draws the graph around a root with cycle markers", async () => {
      const g = await get("/api/v1/catalog/graph?root=service:auth&depth=1");
      assert.deepEqual(g.nodes.map((n: { id: string }) => n.id).sort(), [
        "service:api",
        "service:auth",
        "service:session",
      ]);
      const cyclic = g.edges
        .filter((e: { inCycle: boolean }) => e.inCycle)
        .map((e: { from: string; to: string }) => `${e.from}>${e.to}`);
      assert.deepEqual(cyclic.sort(), ["service:auth>service:session", "service:session>service:auth"]);
      assert.deepEqual(g.cycles, [["service:auth", "service:session"]]);
    });

    it("keeps only the nearest nodes when the graph is larger than maxNodes", async () => {
      const g = await get("/api/v1/catalog/graph?root=service:auth&depth=1&maxNodes=2");
      assert.equal(g.nodes.length, 2);
      assert.ok(
        g.nodes.some((n: { id: string }) => n.id === "service:auth"),
        "the root stays",
      );
      assert.equal(g.truncated, true);
    });

    it("scores readiness levels per service and per team", async () => {
      const level = async (name: string) => (await get(`/api/v1/catalog/service/${name}/scorecard`)).level;
      assert.deepEqual(
        [
          await level("web"),
          await level("api"),
          await level("auth"),
          await level("session"),
          await level("batch"),
          await level("lonely"),
        ],
        ["gold", "silver", "gold", "bronze", null, "bronze"],
      );
      const team = await get("/api/v1/catalog/scorecards/teams/platform");
      assert.deepEqual(team.levels, { gold: 2, silver: 1, bronze: 1, none: 0 });
      assert.equal(team.entities.length, 4);
      const runbooks = team.checks.find((c: { id: string }) => c.id === "catalog.has-runbook");
      assert.deepEqual([runbooks.passed, runbooks.failed], [3, 1]);
      assert.equal((await get("/api/v1/catalog/resource/db")).scorecard, null);
    });

    it("takes checks other modules register", async () => {
      const checks = await get("/api/v1/catalog/scorecards/checks");
      assert.ok(checks.items.some((c: { id: string }) => c.id === "test.has-slo"));
      const patch = (labels: Record<string, string>) =>
        t.app.inject({
          method: "PATCH",
          url: "/api/v1/catalog/service/web",
          headers: t.as("manager"),
          payload: { labels },
        });
      assert.equal((await patch({ slo: "no" })).json().scorecard.level, "silver");
      assert.equal((await patch({ slo: "yes" })).json().scorecard.level, "gold");
    });

    it("creates, updates and deletes through the API: managers only, validated, audited", async () => {
      const body = { name: "payments", owner: "platform", tier: 2, rto: "4h", dependsOn: ["service:api"] };
      const denied = await t.app.inject({
        method: "POST",
        url: "/api/v1/catalog/service",
        headers: t.as("responder"),
        payload: body,
      });
      assert.equal(denied.statusCode, 403);
      const created = await t.app.inject({
        method: "POST",
        url: "/api/v1/catalog/service",
        headers: t.as("manager"),
        payload: body,
      });
      assert.equal(created.statusCode, 201, created.body);
      assert.equal(created.json().rto.iso, "PT4H");
      const dup = await t.app.inject({
        method: "POST",
        url: "/api/v1/catalog/service",
        headers: t.as("manager"),
        payload: { name: "PAYMENTS" },
      });
      assert.equal(dup.statusCode, 409);
      const bad = await t.app.inject({
        method: "PATCH",
        url: "/api/v1/catalog/service/payments",
        headers: t.as("manager"),
        payload: { tier: 7, rpo: "soon" },
      });
      assert.equal(bad.statusCode, 400);
      assert.deepEqual(
        bad
          .json()
          .errors.map((e: { path: string }) => e.path)
          .sort(),
        ["rpo", "tier"],
      );
      const patched = await t.app.inject({
        method: "PATCH",
        url: "/api/v1/catalog/service/payments",
        headers: t.as("manager"),
        payload: { tier: 1, rto: null },
      });
      assert.equal(patched.statusCode, 200, patched.body);
      assert.deepEqual([patched.json().tier, patched.json().rto], [1, null]);
      const impact = await get("/api/v1/catalog/service/api/impact?depth=1");
      assert.ok(impact.dependents.some((d: { name: string }) => d.name === "payments"));
      const gone = await t.app.inject({
        method: "DELETE",
        url: "/api/v1/catalog/service/payments",
        headers: t.as("manager"),
      });
      assert.equal(gone.statusCode, 204);
      const missing = await t.app.inject({
        method: "GET",
        url: "/api/v1/catalog/service/payments",
        headers: t.as("viewer"),
      });
      assert.equal(missing.statusCode, 404);
      const audit = await t.database.db.read
        .selectFrom("audit_log")
        .select("action")
        .where("entity_type", "=", "service")
        .where("entity_id", "=", "payments")
        .execute();
      assert.deepEqual(audit.map((a) => a.action).sort(), [
        "catalog.service.create",
        "catalog.service.delete",
        "catalog.service.update",
      ]);
    });

    it("lists unresolved references", async () => {
      await t.app.inject({
        method: "POST",
        url: "/api/v1/catalog/service",
        headers: t.as("manager"),
        payload: { name: "orphan", owner: "nobody", dependsOn: ["resource:ghost"] },
      });
      const u = await get("/api/v1/catalog/unresolved");
      assert.deepEqual(
        u.items
          .filter((i: { name: string }) => i.name === "orphan")
          .map((i: { field: string; ref: string }) => `${i.field}=${i.ref}`),
        ["owner=group:nobody", "dependsOn.0=resource:ghost"],
      );
    });
  });
}
