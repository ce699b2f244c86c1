import { mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { type DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import type { Config } from "../../platform/config/config.ts";

/**
 * One in-memory DuckDB per process, opened on first use. Each operation takes its own connection, so its
 * temporary tables are private to it. Memory is bounded and DuckDB spills to a temp directory beyond it.
 */
let instance: Promise<DuckDBInstance> | undefined;

function duckInstance(): Promise<DuckDBInstance> {
  instance ??= DuckDBInstance.create(":memory:", {
    // Bounded so that a large import leaves room for the server beside it. Not lower: the ordered Parquet
    // write buffers batches, and at 512 MB reading ran 2.5x slower. Parquet blocks are not kept in
    // DuckDB's cache as well (the OS page cache has them).
    memory_limit: "1GB",
    enable_external_file_cache: "false",
    temp_directory: join(tmpdir(), "opsdeck-duckdb"),
    preserve_insertion_order: "true",
    autoinstall_known_extensions: "false",
    autoload_known_extensions: "true",
  });
  return instance;
}

export async function withDuck<T>(work: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
  const conn = await (await duckInstance()).connect();
  try {
    return await work(conn);
  } finally {
    conn.closeSync();
  }
}

/** Rows as plain JSON values (DECIMALs and BIGINTs as strings, so nothing passes through a float). */
export async function queryRows<T = Record<string, string | number | boolean | null>>(
  conn: DuckDBConnection,
  sql: string,
): Promise<T[]> {
  const reader = await conn.runAndReadAll(sql);
  return reader.getRowObjectsJson() as T[];
}

/** A SQL string literal. DuckDB reads file paths and tag keys from literals, never from user SQL. */
export function lit(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

export function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Where Parquet files live: OPSDECK_COST_DIR, else `cost/` beside the SQLite file, else `data/cost`. */
export function costDataDir(config: Pick<Config, "costDir" | "databaseUrl">): string {
  if (config.costDir) return resolve(config.costDir);
  if (config.databaseUrl.startsWith("sqlite:")) {
    const path = config.databaseUrl.slice("sqlite:".length);
    if (path !== ":memory:") return resolve(dirname(path), "cost");
  }
  return resolve("data", "cost");
}

export function ensureDir(dir: string): string {
  mkdirSync(dir, { recursive: true });
  return dir;
}
