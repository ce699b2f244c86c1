import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { createUser } from "../../platform/auth/index.ts";
import { systemClock } from "../../platform/clock.ts";
import type { ActionContext } from "../../platform/context.ts";
import { applyDocuments } from "../../platform/manifests/apply.ts";
import { loadManifestPaths } from "../../platform/manifests/load.ts";
import { type TestDatabase, testEngines } from "../../platform/testing/databases.ts";
import { declareIncident, resolveIncident } from "../incidents/index.ts";
import { manifestRegistry } from "../registry.ts";
import { seedPostmortemsDemo } from "./demo.ts";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const runbooks = fileURLToPath(new URL("../../../demo/60-runbooks.yaml", import.meta.url));

/**
 * The demo's part of this module on an otherwise small world: its users, two resolved incidents named like the
 * demo's, the runbook manifests, and the seed run twice (the second run must change nothing). The system
 * clock, as the CLI uses it, so "overdue" means the same to both.
 */
async function seed(database: TestDatabase) {
  const ctx: ActionContext = {
    actor: { type: "system", label: "test" },
    requestId: null,
    clock: systemClock,
  };
  for (const name of ["alice", "carol", "dave", "erin"])
    await createUser(database.db, ctx, {
      name,
      email: `${name}@example.com`,
      role: name === "alice" ? "manager" : "responder",
    });
  for (const title of ["PostgresReplicationLag: replica behind", "CertificateExpiringSoon: api cert"]) {
    const incident = await declareIncident(database.db, ctx, {
      title,
      summary: "",
      severity: "SEV2",
      services: [],
    });
    await resolveIncident(database.db, ctx, incident.id);
  }
  const { documents, issues } = loadManifestPaths([runbooks], root);
  await applyDocuments(
    database.db,
    ctx,
    documents,
    manifestRegistry(),
    { dryRun: false, prune: false },
    issues,
  );
  await seedPostmortemsDemo(database.db, ctx);
  await seedPostmortemsDemo(database.db, ctx);
}

for (const engine of testEngines()) {
  describe(`opsdeck postmortem, action-items and runbook CLI on ${engine.name}`, () => {
    let database: TestDatabase;
    const cli = (...args: string[]) => {
      const r = spawnSync(process.execPath, ["bin/opsdeck.js", ...args], {
        cwd: root,
        env: {
          PATH: process.env.PATH ?? "",
          OPSDECK_DATABASE_URL: database.url,
          OPSDECK_LOG_LEVEL: "silent",
        },
        encoding: "utf8",
      });
      return { code: r.status, out: r.stdout, err: r.stderr };
    };
    before(async () => {
      database = await engine.create();
      await seed(database);
    });
    after(() => database.drop());

    it("shows the demo's published postmortem as Markdown, and the draft as JSON", () => {
      const shown = cli("postmortem", "show", "1");
      assert.equal(shown.code, 0, shown.err);
      assert.match(shown.out, /^# Postmortem: PostgresReplicationLag/);
      assert.match(shown.out, /Status: published \(published .* by carol\)/);
      assert.match(shown.out, /Reviewers: alice \(approved\)/);
      assert.match(shown.out, /## Root cause\n\nThe nightly `VACUUM`/);
      assert.match(shown.out, /- \[x\] Move the VACUUM window to 03:00/);
      const draft = JSON.parse(cli("postmortem", "show", "#2", "--json").out);
      assert.equal(draft.status, "draft");
      assert.equal(draft.actionItems.length, 1, "seeding twice added nothing");
    });

    it("lists the one overdue action item, and a team's items as a table", () => {
      const overdue = JSON.parse(cli("action-items", "list", "--overdue", "--json").out).items;
      assert.deepEqual(
        overdue.map((i: { title: string; owner: { name: string } }) => [i.title, i.owner.name]),
        [["Alert on replica volume IOPS above 90% for 10 minutes", "carol"]],
      );
      const table = cli("action-items", "list", "--status", "open");
      assert.match(table.out, /^INCIDENT\s+TITLE\s+OWNER\s+TEAM\s+DUE/);
      assert.match(
        table.out,
        /#1\s+Alert on replica volume IOPS.*carol\s+\d{4}-\d{2}-\d{2} OVERDUE\s+P2\s+open/,
      );
      assert.match(table.out, /#2\s+Find out why the ACME solver failed/);
    });

    it("lists runbooks and refuses a version that does not exist", () => {
      const list = cli("runbook", "list");
      assert.match(list.out, /^NAME\s+TITLE\s+VERSION\s+SERVICES\s+MATCH/);
      assert.match(list.out, /postgres-replication-lag\s+PostgreSQL replication lag\s+1\s+postgres-operator/);
      const v9 = cli("runbook", "show", "certificate-renewal", "--version", "9");
      assert.equal(v9.code, 1);
      assert.match(v9.err, /no version 9/);
    });
  });
}
