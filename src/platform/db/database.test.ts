import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { after, before, describe, it } from "node:test";
import { sql } from "kysely";
import { type Engine, type TestDatabase, testEngines } from "../testing/databases.ts";
import { openDatabase } from "./database.ts";
import { compareVersions, minimumSqliteVersion } from "./dialect/sqlite.ts";

describe("SQLite version guard", () => {
  it("compares dotted versions numerically", () => {
    assert.equal(compareVersions("3.51.3", "3.51.3"), 0);
    assert.equal(compareVersions("3.51.2", "3.51.3"), -1);
    assert.equal(compareVersions("3.9.0", "3.51.3"), -1);
    assert.equal(compareVersions("3.53.0", "3.51.3"), 1);
  });
  it("the SQLite linked into this Node is new enough", () => {
    const v = (new DatabaseSync(":memory:").prepare("select sqlite_version() as v").get() as { v: string }).v;
    assert.ok(compareVersions(v, minimumSqliteVersion) >= 0, v);
  });
});

function suite(engine: Engine) {
  describe(`database layer on ${engine.name}`, () => {
    let database: TestDatabase;
    before(async () => {
      database = await engine.create();
      await database.db.admin.schema
        .createTable("counter_rows")
        .addColumn("id", "integer", (c) => c.primaryKey())
        .execute();
    });
    after(() => database.drop());
    // biome-ignore lint/suspicious/noExplicitAny: a table made only for this test, outside the typed schema
    const untyped = () => database.db.read as any;

    it("commits concurrent writes and rolls back only the unit that failed", async () => {
      const writes = Array.from({ length: 300 }, (_, i) =>
        database.db.write(async (trx) => {
          await sql`insert into counter_rows (id) values (${i})`.execute(trx);
          if (i % 50 === 7) throw new Error(`unit ${i} fails`);
          return i;
        }),
      );
      const results = await Promise.allSettled(writes);
      const failed = results.filter((r) => r.status === "rejected").length;
      assert.equal(failed, 6);
      const rows = await untyped()
        .selectFrom("counter_rows")
        .select(sql`count(*)`.as("n"))
        .executeTakeFirst();
      assert.equal(Number(rows.n), 294);
    });

    it("a write is visible to reads as soon as it resolves", async () => {
      await database.db.write((trx) => sql`insert into counter_rows (id) values (100000)`.execute(trx));
      const row = await untyped()
        .selectFrom("counter_rows")
        .selectAll()
        .where("id", "=", 100000)
        .executeTakeFirst();
      assert.ok(row);
    });

    it("another connection's (another process's) write is seen at once: nothing served goes stale", async () => {
      const other = openDatabase(database.url);
      try {
        await other.write((trx) => sql`insert into counter_rows (id) values (200000)`.execute(trx));
      } finally {
        await other.close();
      }
      const row = await untyped()
        .selectFrom("counter_rows")
        .selectAll()
        .where("id", "=", 200000)
        .executeTakeFirst();
      assert.ok(row);
    });

    if (engine.name === "sqlite") {
      it("runs in WAL with synchronous=NORMAL (durability by the writer's fsync), foreign keys on and a busy timeout", async () => {
        const q = async (pragma: string) =>
          Object.values((await sql.raw(`pragma ${pragma}`).execute(database.db.admin)).rows[0] as object)[0];
        assert.equal(await q("journal_mode"), "wal");
        assert.equal(await q("synchronous"), 1);
        assert.equal(await q("foreign_keys"), 1);
        assert.ok(Number(await q("busy_timeout")) >= 5000);
      });
    }
  });
}

for (const engine of testEngines()) suite(engine);
