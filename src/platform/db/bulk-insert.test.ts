import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type TestDatabase, testEngines } from "../testing/databases.ts";
import { bulkInsert } from "./dialect/bulk-insert.ts";

const columns = [
  "id",
  "type",
  "payload",
  "key",
  "status",
  "due_at",
  "attempts",
  "max_attempts",
  "created_at",
  "updated_at",
] as const;

/** Values that a naive array or JSON encoding would mangle: quotes, braces, backslashes, commas, NULL. */
const awkward = [
  'say "hi"',
  "{a,b}",
  "back\\slash",
  "comma, and space",
  "NULL",
  "",
  "ünïcödé ✓ 🚨",
  "line\nbreak\ttab",
  "lone \ud800 surrogate",
];

function job(i: number, payload: string) {
  return {
    id: `job-${String(i).padStart(5, "0")}`,
    type: "bulk.test",
    payload,
    key: i % 3 === 0 ? null : `key-${i}`,
    status: "done",
    due_at: "2026-12-06T00:00:00.000Z",
    attempts: i,
    max_attempts: 2_000_000_000 + i,
    created_at: "2026-12-06T00:00:00.000Z",
    updated_at: "2026-12-06T00:00:00.000Z",
  };
}

for (const engine of testEngines()) {
  describe(`bulk insert on ${engine.name}`, () => {
    let database: TestDatabase;
    before(async () => {
      database = await engine.create();
    });
    after(() => database.drop());

    it("stores every row and value exactly, nulls and integers included, across chunks", async () => {
      const rows = Array.from({ length: 25 }, (_, i) => job(i, awkward[i % awkward.length] ?? ""));
      await database.db.write((trx) =>
        bulkInsert(
          trx,
          { table: "jobs", columns, rows, types: { attempts: "integer", max_attempts: "integer" } },
          10,
        ),
      );
      const back = await database.db.read
        .selectFrom("jobs")
        .select(columns)
        .where("type", "=", "bulk.test")
        .orderBy("id")
        .execute();
      assert.deepEqual(
        back.map((r) => ({ ...r, attempts: Number(r.attempts), max_attempts: Number(r.max_attempts) })),
        rows.map((r) => ({ ...r, payload: r.payload.toWellFormed() })),
      );
    });

    it("inserts nothing for no rows, and nothing at all when a row breaks a constraint", async () => {
      await database.db.write((trx) => bulkInsert(trx, { table: "jobs", columns, rows: [] }));
      const clash = [job(900, "a"), { ...job(901, "b"), key: "key-1" }];
      await assert.rejects(
        database.db.write((trx) => bulkInsert(trx, { table: "jobs", columns, rows: clash })),
      );
      const found = await database.db.read
        .selectFrom("jobs")
        .select("id")
        .where("id", "in", ["job-00900", "job-00901"])
        .execute();
      assert.deepEqual(found, []);
    });
  });
}
