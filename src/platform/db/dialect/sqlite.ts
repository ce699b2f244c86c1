import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { DatabaseSync, type SQLInputValue, type StatementSync } from "node:sqlite";
import { Kysely, type SqliteDatabase, SqliteDialect, type SqliteStatement } from "kysely";
import type { Tables } from "../tables.ts";

/** SQLite releases before this one can corrupt a WAL database under concurrent checkpoints. */
export const minimumSqliteVersion = "3.51.3";

export interface SqliteOptions {
  path: string;
  synchronous: "FULL" | "NORMAL";
}

/** Numeric comparison of dotted versions: -1, 0 or 1. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

/** node:sqlite binds no booleans or undefined; Kysely may pass either. */
function bindable(parameters: ReadonlyArray<unknown>): SQLInputValue[] {
  return parameters.map((p) => {
    if (typeof p === "boolean") return p ? 1 : 0;
    if (p === undefined) return null;
    return p as SQLInputValue;
  });
}

/** Gives node:sqlite's StatementSync the shape Kysely's SqliteDialect expects. */
function adaptStatement(statement: StatementSync): SqliteStatement {
  return {
    reader: statement.columns().length > 0,
    all: (parameters) => statement.all(...bindable(parameters)),
    run: (parameters) => statement.run(...bindable(parameters)),
    iterate: (parameters) => statement.iterate(...bindable(parameters)),
  };
}

/** Up to this much of the database file is read through a memory map (SQLite's default is none). */
const mmapBytes = 256 * 1024 * 1024;

/** Opens one connection with the settings every opsdeck connection must have, checking the version first. */
export function openSqliteConnection(options: SqliteOptions): DatabaseSync {
  if (options.path !== ":memory:") mkdirSync(dirname(options.path), { recursive: true });
  const db = new DatabaseSync(options.path);
  const row = db.prepare("select sqlite_version() as v").get() as { v: string };
  if (compareVersions(row.v, minimumSqliteVersion) < 0) {
    db.close();
    throw new Error(`SQLite ${row.v} is older than ${minimumSqliteVersion}; opsdeck refuses to start on it`);
  }
  // busy_timeout first: the journal_mode switch itself may wait for another process.
  db.exec("pragma busy_timeout = 10000");
  db.exec("pragma journal_mode = wal");
  db.exec(`pragma synchronous = ${options.synchronous}`);
  db.exec("pragma foreign_keys = on");
  // Pages read through a memory map instead of a read() call each: alert intake touches a random leaf of
  // its hashed-key indexes per alert, and reading those through syscalls cost a fifth of its CPU (ADR 16).
  db.exec(`pragma mmap_size = ${mmapBytes}`);
  return db;
}

/** Distinct statements kept prepared per connection; opsdeck's queries come from a few hundred builders. */
const statementCacheSize = 1000;

/**
 * A Kysely instance over exactly one node:sqlite connection. Prepared statements are reused by SQL text:
 * preparing costs more than running the small statements of the hot paths. SQLite re-prepares a cached
 * statement by itself after a schema change. (No caller streams rows, which would hold a statement open.)
 */
export function sqliteKysely(connection: DatabaseSync): Kysely<Tables> {
  const cache = new Map<string, SqliteStatement>();
  const prepare = (sql: string): SqliteStatement => {
    let statement = cache.get(sql);
    if (!statement) {
      if (cache.size >= statementCacheSize) cache.clear();
      statement = adaptStatement(connection.prepare(sql));
      cache.set(sql, statement);
    }
    return statement;
  };
  const database: SqliteDatabase = {
    close: () => connection.close(),
    prepare,
  };
  return new Kysely<Tables>({ dialect: new SqliteDialect({ database }) });
}
