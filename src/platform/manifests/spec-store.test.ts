import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Kysely } from "kysely";
import type { ActionContext } from "../context.ts";
import type { Tables } from "../db/tables.ts";
import { NotFoundError } from "../errors.ts";
import { type TestDatabase, testEngines } from "../testing/databases.ts";
import { FakeClock } from "../testing/fake-clock.ts";
import { specStore } from "./spec-store.ts";

/** A table of this test's own, keyed by `label` rather than `name` to show the key is the caller's. */
interface ProbeTable {
  label: string;
  colour: string;
  spec_json: string;
  created_at: string;
  updated_at: string;
}

declare module "../db/tables.ts" {
  interface Tables {
    spec_store_probe: ProbeTable;
  }
}

interface ProbeSpec {
  colour: string;
  size: number;
}

/** What each hook saw, to check that it ran after the write and before the audit row. */
const hookLog: string[] = [];

async function snapshot(trx: Kysely<Tables>, label: string): Promise<string> {
  const row = await trx
    .selectFrom("spec_store_probe")
    .selectAll()
    .where("label", "=", label)
    .executeTakeFirst();
  const audits = await trx.selectFrom("audit_log").select("id").where("entity_type", "=", "probe").execute();
  return `${label}:${row ? row.colour : "gone"}:${audits.length} audits`;
}

const probes = specStore<ProbeSpec, "spec_store_probe">({
  table: "spec_store_probe",
  key: "label",
  actionPrefix: "test.probe",
  entityType: "probe",
  notFound: (label) => `no probe labelled '${label}'`,
  columns: (spec) => ({ colour: spec.colour }),
  insertColumns: (now) => ({ created_at: now.toISOString() }),
  afterPut: async (trx, _ctx, label) => {
    hookLog.push(`put ${await snapshot(trx, label)}`);
  },
  afterRemove: async (trx, _ctx, label) => {
    hookLog.push(`remove ${await snapshot(trx, label)}`);
  },
});

for (const engine of testEngines()) {
  describe(`spec store on ${engine.name}`, () => {
    let database: TestDatabase;
    const clock = new FakeClock("2026-12-01T10:00:00.000Z");
    const ctx: ActionContext = { actor: { type: "system", label: "test" }, requestId: null, clock };
    // Spread into plain objects: node:sqlite returns rows without a prototype, which deepEqual tells apart.
    const audits = async () =>
      (
        await database.db.read
          .selectFrom("audit_log")
          .select(["action", "entity_type", "entity_id", "before_json", "after_json"])
          .where("entity_type", "=", "probe")
          .orderBy("id")
          .execute()
      ).map((r) => ({ ...r }));
    const row = async (label: string) => {
      const found = await database.db.read
        .selectFrom("spec_store_probe")
        .selectAll()
        .where("label", "=", label)
        .executeTakeFirst();
      return found && { ...found };
    };

    before(async () => {
      database = await engine.create();
      await database.db.write(async (trx) => {
        await trx.schema
          .createTable("spec_store_probe")
          .addColumn("label", "text", (c) => c.primaryKey())
          .addColumn("colour", "text", (c) => c.notNull())
          .addColumn("spec_json", "text", (c) => c.notNull())
          .addColumn("created_at", "text", (c) => c.notNull())
          .addColumn("updated_at", "text", (c) => c.notNull())
          .execute();
      });
    });
    after(() => database.drop());

    it("creates, then updates in place: derived columns follow the spec, insert-only ones stay", async () => {
      hookLog.length = 0;
      await database.db.write((trx) => probes.put(trx, ctx, "beta", { colour: "red", size: 1 }));
      clock.advance(60_000);
      await database.db.write((trx) => probes.put(trx, ctx, "beta", { colour: "blue", size: 2 }));
      assert.deepEqual(await row("beta"), {
        label: "beta",
        colour: "blue",
        spec_json: JSON.stringify({ colour: "blue", size: 2 }),
        created_at: "2026-12-01T10:00:00.000Z",
        updated_at: "2026-12-01T10:01:00.000Z",
      });
      assert.deepEqual(await audits(), [
        {
          action: "test.probe.create",
          entity_type: "probe",
          entity_id: "beta",
          before_json: null,
          after_json: '{"colour":"red","size":1}',
        },
        {
          action: "test.probe.update",
          entity_type: "probe",
          entity_id: "beta",
          before_json: '{"colour":"red","size":1}',
          after_json: '{"colour":"blue","size":2}',
        },
      ]);
      assert.deepEqual(hookLog, ["put beta:red:0 audits", "put beta:blue:1 audits"]);
    });

    it("lists every spec by key, in key order", async () => {
      await database.db.write((trx) => probes.put(trx, ctx, "alpha", { colour: "green", size: 3 }));
      assert.deepEqual(
        [...(await probes.all(database.db.read))],
        [
          ["alpha", { colour: "green", size: 3 }],
          ["beta", { colour: "blue", size: 2 }],
        ],
      );
    });

    it("removes with the spec before in the audit, and refuses a missing one with NotFoundError", async () => {
      hookLog.length = 0;
      clock.advance(60_000); // audit ids are time-ordered: a later minute keeps the delete last
      await database.db.write((trx) => probes.remove(trx, ctx, "alpha"));
      assert.equal(await row("alpha"), undefined);
      assert.deepEqual((await audits()).at(-1), {
        action: "test.probe.delete",
        entity_type: "probe",
        entity_id: "alpha",
        before_json: '{"colour":"green","size":3}',
        after_json: null,
      });
      assert.deepEqual(hookLog, ["remove alpha:gone:3 audits"]);
      await assert.rejects(
        database.db.write((trx) => probes.remove(trx, ctx, "alpha")),
        (e) => e instanceof NotFoundError && e.message === "no probe labelled 'alpha'",
      );
      assert.equal((await audits()).length, 4);
    });
  });
}
