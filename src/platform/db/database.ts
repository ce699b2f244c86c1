import type { Kysely } from "kysely";
import { postgresKysely } from "./dialect/postgres.ts";
import { openSqliteConnection, sqliteKysely } from "./dialect/sqlite.ts";
import { fallbackAutocheckpointPages, WalCheckpointer } from "./dialect/wal-checkpointer.ts";
import { WalFsync } from "./dialect/wal-fsync.ts";
import { GroupCommitWriter } from "./group-commit.ts";
import type { Tables } from "./tables.ts";

export type DialectName = "sqlite" | "postgres";

/**
 * The one way modules reach storage. `read` never sees uncommitted work; `write` runs a unit of work in a
 * transaction and resolves once it is committed. On SQLite writes go through the group-commit writer; on
 * PostgreSQL each unit is its own transaction on the pool.
 */
export interface Database {
  readonly dialect: DialectName;
  readonly read: Kysely<Tables>;
  write<T>(work: (db: Kysely<Tables>) => Promise<T>): Promise<T>;
  /** Kysely for schema work (migrations): the writer connection on SQLite. */
  readonly admin: Kysely<Tables>;
  /** Queued write units (SQLite); 0 on PostgreSQL. */
  writeQueueDepth(): number;
  close(): Promise<void>;
}

export interface OpenOptions {
  sqliteSynchronous?: "FULL" | "NORMAL";
  /** Checkpoint SQLite's WAL on a worker thread (long-running servers); short CLI runs leave it to SQLite. */
  sqliteCheckpointThread?: boolean;
  pgPoolSize?: number;
}

/** Opens `sqlite:PATH` or `postgres://…`. */
export function openDatabase(url: string, options: OpenOptions = {}): Database {
  if (url.startsWith("sqlite:")) return openSqlite(url.slice("sqlite:".length), options);
  if (/^postgres(ql)?:\/\//.test(url)) return openPostgres(url, options);
  throw new Error(`unsupported database URL (expected sqlite:PATH or postgres://...): ${url}`);
}

function openSqlite(path: string, options: OpenOptions): Database {
  // FULL durability comes from the writer's off-thread WAL fsync, so SQLite itself never fsyncs in COMMIT.
  const onDisk = path !== ":memory:";
  const writerConnection = openSqliteConnection({ path, synchronous: "NORMAL" });
  const readerConnection = openSqliteConnection({ path, synchronous: "NORMAL" });
  const writerDb = sqliteKysely(writerConnection);
  const readDb = sqliteKysely(readerConnection);
  const fsync = (options.sqliteSynchronous ?? "FULL") === "FULL" && onDisk ? new WalFsync(path) : null;
  const checkpointer = options.sqliteCheckpointThread && onDisk ? new WalCheckpointer(path) : null;
  if (checkpointer) writerConnection.exec(`pragma wal_autocheckpoint = ${fallbackAutocheckpointPages}`);
  const writer = new GroupCommitWriter(writerDb, () => {
    checkpointer?.request();
    return fsync ? fsync.sync() : Promise.resolve();
  });
  return {
    dialect: "sqlite",
    read: readDb,
    admin: writerDb,
    write: (work) => writer.write(work),
    writeQueueDepth: () => writer.depth,
    async close() {
      await writer.close();
      await checkpointer?.close();
      await readDb.destroy();
      await writerDb.destroy();
    },
  };
}

function openPostgres(url: string, options: OpenOptions): Database {
  const { db } = postgresKysely(url, options.pgPoolSize ?? 10);
  return {
    dialect: "postgres",
    read: db,
    admin: db,
    write: (work) => db.transaction().execute(work),
    writeQueueDepth: () => 0,
    close: () => db.destroy(),
  };
}
