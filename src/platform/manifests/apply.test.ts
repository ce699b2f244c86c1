import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { manifestRegistry } from "../../modules/registry.ts";
import type { ActionContext } from "../context.ts";
import { InputError } from "../errors.ts";
import { type Engine, type TestDatabase, testEngines } from "../testing/databases.ts";
import { FakeClock } from "../testing/fake-clock.ts";
import { applyDocuments } from "./apply.ts";
import { parseManifestText } from "./load.ts";

const people = `
apiVersion: opsdeck.dev/v1
kind: User
metadata: { name: ana }
spec: { email: ana@example.com, role: responder, timeZone: Europe/Lisbon }
---
apiVersion: opsdeck.dev/v1
kind: Team
metadata: { name: sre }
spec:
  displayName: SRE
  members: [ana, ghost]
`;

async function apply(
  database: TestDatabase,
  ctx: ActionContext,
  text: string,
  options = { dryRun: false, prune: false },
) {
  const { documents, issues } = parseManifestText(text, "people.yaml");
  return applyDocuments(database.db, ctx, documents, manifestRegistry(), options, issues);
}

function suite(engine: Engine) {
  describe(`opsdeck apply on ${engine.name}`, () => {
    let database: TestDatabase;
    const ctx: ActionContext = {
      actor: { type: "system", label: "test" },
      requestId: null,
      clock: new FakeClock(),
    };
    before(async () => {
      database = await engine.create();
    });
    after(() => database.drop());

    it("takes a YAML list of manifests as one document per item, and points an error at its item's line", async () => {
      const list = `- apiVersion: opsdeck.dev/v1
  kind: User
  metadata: { name: lia }
  spec: { email: lia@example.com, role: viewer, timeZone: UTC }
- apiVersion: opsdeck.dev/v1
  kind: User
  metadata: { name: rui }
  spec: { email: not-an-email, role: viewer, timeZone: UTC }
`;
      const { documents } = parseManifestText(list, "list.yaml");
      assert.deepEqual(
        documents.map((d) => [d.index, d.line]),
        [
          [1, 1],
          [2, 5],
        ],
      );
      await assert.rejects(apply(database, ctx, list), (e) => {
        assert.ok(e instanceof InputError);
        const issue = e.issues.find((i) => i.path === "spec.email");
        assert.equal(issue?.line, 8, JSON.stringify(e.issues));
        return true;
      });
      const fixed = list.replace("not-an-email", "rui@example.com");
      const changes = await apply(database, ctx, fixed, { dryRun: true, prune: false });
      assert.deepEqual(
        changes.map((c) => `${c.action} ${c.kind}/${c.name}`),
        ["create User/lia", "create User/rui"],
      );
    });

    it("dry-run shows the creates and writes nothing", async () => {
      const changes = await apply(database, ctx, people, { dryRun: true, prune: false });
      assert.deepEqual(
        changes.map((c) => `${c.action} ${c.kind}/${c.name}`),
        ["create User/ana", "create Team/sre"],
      );
      assert.equal((await database.db.read.selectFrom("teams").selectAll().execute()).length, 0);
    });

    it("applies, keeps an unknown member as unresolved, and a second apply changes nothing", async () => {
      await apply(database, ctx, people);
      const members = await database.db.read
        .selectFrom("team_members")
        .select("user_name")
        .orderBy("user_name")
        .execute();
      assert.deepEqual(
        members.map((m) => m.user_name),
        ["ana", "ghost"],
      );
      const again = await apply(database, ctx, people);
      assert.deepEqual(
        again.map((c) => c.action),
        ["unchanged", "unchanged"],
      );
    });

    it("an update lists the fields that change", async () => {
      const changes = await apply(
        database,
        ctx,
        people.replace("displayName: SRE", "displayName: Site Reliability"),
        {
          dryRun: true,
          prune: false,
        },
      );
      const team = changes.find((c) => c.kind === "Team");
      assert.equal(team?.action, "update");
      assert.deepEqual(team?.fields, [{ field: "displayName", before: "SRE", after: "Site Reliability" }]);
    });

    it("refuses the whole apply when one document is wrong, naming file, document, line and field", async () => {
      const bad = `${people.replace("displayName: SRE", "displayName: Renamed")}---
apiVersion: opsdeck.dev/v1
kind: User
metadata: { name: bea }
spec: { email: not-an-email, role: responder }
`;
      await assert.rejects(apply(database, ctx, bad), (error: unknown) => {
        assert.ok(error instanceof InputError);
        const issue = error.issues[0];
        assert.equal(issue?.file, "people.yaml");
        assert.equal(issue?.document, 3);
        assert.equal(issue?.path, "spec.email");
        assert.equal(issue?.line, 17);
        return true;
      });
      const team = await database.db.read
        .selectFrom("teams")
        .select("display_name")
        .where("name", "=", "sre")
        .executeTakeFirst();
      assert.equal(team?.display_name, "SRE");
    });

    it("refuses a NUL character written as a YAML escape, at its line, before anything is stored", async () => {
      // PostgreSQL cannot store U+0000 in text; YAML writes it as "\0" (or \x00, \u0000) in quotes.
      const bad = people.replaceAll("ana", "nia").replace("displayName: SRE", 'displayName: "S\\0RE"');
      await assert.rejects(apply(database, ctx, bad), (error: unknown) => {
        assert.ok(error instanceof InputError);
        assert.deepEqual(
          error.issues.map((i) => [i.document, i.path, i.line, i.message]),
          [[2, "spec.displayName", 11, "must not hold a NUL character (U+0000)"]],
        );
        return true;
      });
      const stored = await database.db.read
        .selectFrom("users")
        .select("name")
        .where("name", "=", "nia")
        .execute();
      assert.deepEqual(stored, [], "all or nothing: the valid User document is not applied either");
    });

    it("refuses unknown kinds, duplicates and bad names", async () => {
      const text = `apiVersion: opsdeck.dev/v1
kind: Spaceship
metadata: { name: enterprise }
---
apiVersion: opsdeck.dev/v1
kind: Team
metadata: { name: "-bad-name" }
---
${people}
---
apiVersion: opsdeck.dev/v1
kind: Team
metadata: { name: sre }
`;
      await assert.rejects(apply(database, ctx, text), (error: unknown) => {
        assert.ok(error instanceof InputError);
        const messages = error.issues.map((i) => `${i.document} ${i.path}: ${i.message}`);
        assert.ok(
          messages.some((m) => m.startsWith("1 kind: unknown kind 'Spaceship'")),
          messages.join("\n"),
        );
        assert.ok(
          messages.some((m) => m.startsWith("2 metadata.name:")),
          messages.join("\n"),
        );
        assert.ok(
          messages.some((m) => m.includes("duplicate Team 'sre'")),
          messages.join("\n"),
        );
        return true;
      });
    });

    it("prune deletes what an earlier apply created and is no longer declared", async () => {
      const onlyUser = people.split("---")[0] ?? "";
      const changes = await apply(database, ctx, onlyUser, { dryRun: false, prune: true });
      assert.deepEqual(
        changes.filter((c) => c.action === "delete").map((c) => `${c.kind}/${c.name}`),
        ["Team/sre"],
      );
      assert.equal((await database.db.read.selectFrom("teams").selectAll().execute()).length, 0);
      const audit = await database.db.read
        .selectFrom("audit_log")
        .select("action")
        .where("entity_id", "=", "sre")
        .execute();
      assert.ok(audit.some((a) => a.action === "team.delete"));
    });
  });
}

for (const engine of testEngines()) suite(engine);
