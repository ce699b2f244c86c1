import assert from "node:assert/strict";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { open } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { sql } from "kysely";
import { openDatabase } from "./database.ts";
import { WalFsync } from "./dialect/wal-fsync.ts";

const dir = mkdtempSync(join(tmpdir(), "opsdeck-wal-"));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Counts fsync calls on every FileHandle, and when each started, by patching the shared prototype. */
async function countFsyncs(): Promise<{ starts: number[]; restore(): void }> {
  const probe = await open(join(dir, "probe"), "w");
  const proto = Object.getPrototypeOf(probe) as { sync(): Promise<void> };
  await probe.close();
  const original = proto.sync;
  const starts: number[] = [];
  proto.sync = function (this: unknown) {
    starts.push(performance.now());
    return original.call(this);
  };
  return { starts, restore: () => (proto.sync = original) };
}

describe("SQLite durability and checkpoints", () => {
  it("an acknowledged write has been fsynced after its commit; concurrent callers share fsyncs", async () => {
    const path = join(dir, "fsync.db");
    const db = openDatabase(`sqlite:${path}`, { sqliteSynchronous: "FULL" });
    await db.write((trx) => sql`create table t (v text)`.execute(trx));
    const fsyncs = await countFsyncs();
    try {
      const acknowledged: number[] = [];
      await Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          db
            .write((trx) => sql`insert into t values (${`row ${i}`})`.execute(trx))
            .then(() => {
              acknowledged.push(performance.now());
            }),
        ),
      );
      assert.ok(fsyncs.starts.length >= 1, "at least one fsync before acknowledging");
      // 200 writes share a handful of batches: one fsync per write would defeat group commit.
      assert.ok(fsyncs.starts.length < 20, `${fsyncs.starts.length} fsyncs for 200 writes`);
      assert.ok(
        Math.min(...acknowledged) > Math.min(...fsyncs.starts),
        "no write acknowledged before an fsync",
      );
    } finally {
      fsyncs.restore();
      await db.close();
    }
  });

  it("a caller arriving during an fsync waits for the next one, which starts after its call", async () => {
    const path = join(dir, "coalesce.db");
    const db = openDatabase(`sqlite:${path}`, { sqliteSynchronous: "NORMAL" });
    await db.write((trx) => sql`create table t (v text)`.execute(trx));
    await db.close();
    const wal = new WalFsync(path);
    const fsyncs = await countFsyncs();
    try {
      const first = wal.sync();
      const calledAt = performance.now();
      const late = await Promise.all([wal.sync(), wal.sync(), wal.sync()]);
      await first;
      assert.equal(late.length, 3);
      // The WAL may be gone after close (checkpointed into the database file): then nothing needs syncing.
      if (fsyncs.starts.length > 0) {
        assert.ok(
          fsyncs.starts.length <= 2 * 2,
          "the three late callers shared one fsync (file + directory)",
        );
        assert.ok(Math.max(...fsyncs.starts) >= calledAt, "the late callers' fsync started after their call");
      }
    } finally {
      fsyncs.restore();
    }
  });

  it("the checkpoint thread copies the WAL into the database file without the writer doing it", async () => {
    const path = join(dir, "checkpoint.db");
    const db = openDatabase(`sqlite:${path}`, { sqliteSynchronous: "FULL", sqliteCheckpointThread: true });
    try {
      await db.write((trx) => sql`create table t (v text)`.execute(trx));
      const sizeBefore = statSync(path).size;
      const payload = "x".repeat(1000);
      for (let round = 0; round < 20; round++)
        await Promise.all(
          Array.from({ length: 100 }, () =>
            db.write((trx) => sql`insert into t values (${payload})`.execute(trx)),
          ),
        );
      // The writer's own automatic checkpoint is raised far above these ~2 MB, so growth is the thread's work.
      const deadline = Date.now() + 5_000;
      while (statSync(path).size < sizeBefore + 1_000_000 && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 20));
      assert.ok(
        statSync(path).size >= sizeBefore + 1_000_000,
        `database file is ${statSync(path).size} bytes`,
      );
      const count = await sql<{ n: number }>`select count(*) as n from t`.execute(db.read);
      assert.equal(Number(count.rows[0]?.n), 2000);
    } finally {
      await db.close();
    }
  });
});
