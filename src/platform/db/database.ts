import type { Kysely } from "kysely";
import { postgresKysely } from "./dialect/postgres.ts";
import { openSqliteConnection, sqliteKysely } from "./dialect/sqlite.ts";
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
  pgPoolSize?: number;
}

/** Opens `sqlite:PATH` or `postgres://…`. */
export function openDatabase(url: string, options: OpenOptions = {}): Database {
  if (url.startsWith("sqlite:")) return openSqlite(url.slice("sqlite:".length), options);
  if (/^postgres(ql)?:\/\//.test(url)) return openPostgres(url, options);
  throw new Error(`unsupported database URL (expected sqlite:PATH or postgres://...): ${url}`);
}

function openSqlite(path: string, options: OpenOptions): Database {
  const synchronous = options.sqliteSynchronous ?? "FULL";
  const writerConnection = openSqliteConnection({ path, synchronous });
  const readerConnection = openSqliteConnection({ path, synchronous });
  const writerDb = sqliteKysely(writerConnection);
  const readDb = sqliteKysely(readerConnection);
  const writer = new GroupCommitWriter(writerDb);
  return {
    dialect: "sqlite",
    read: readDb,
    admin: writerDb,
    write: (work) => writer.write(work),
    writeQueueDepth: () => writer.depth,
    async close() {
      await writer.close();
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
