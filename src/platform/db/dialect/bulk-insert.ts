import { CompiledQuery, type Kysely, PostgresAdapter } from "kysely";
import type { Tables } from "../tables.ts";

/** SQL types a bulk-inserted column may have; the default is text. */
export type BulkColumnType = "text" | "integer";

export interface BulkInsert<T extends keyof Tables> {
  table: T;
  /** The columns to fill, in order; every row must have a value (or null) for each. */
  columns: readonly (keyof Tables[T] & string)[];
  /** Columns that are not text (PostgreSQL needs the array type). */
  types?: Partial<Record<keyof Tables[T] & string, BulkColumnType>>;
  rows: readonly Record<string, unknown>[];
}

/**
 * Inserts many rows in few statements, without building a query tree per row (Kysely's multi-row `values`
 * costs more to compile than the database takes to run it). PostgreSQL gets the rows as one array per
 * column (`select * from unnest($1::text[], ...)`): one short statement whatever the row count, a few
 * parameters instead of rows x columns. SQLite gets a VALUES list per chunk, whose text repeats from batch
 * to batch so the prepared statement is reused (a JSON document through `json_each` measured slower: each
 * `value->>i` parses the row again). Measured on the alert intake path in ADR 16. Values must be strings,
 * numbers or null; a failing row fails the statement, and the caller's transaction with it.
 */
export async function bulkInsert<T extends keyof Tables>(
  trx: Kysely<Tables>,
  insert: BulkInsert<T>,
  chunkSize = 200,
): Promise<void> {
  const { table, columns, rows } = insert;
  const types = (insert.types ?? {}) as Partial<Record<string, BulkColumnType>>;
  const postgres = trx.getExecutor().adapter instanceof PostgresAdapter;
  const target = `${quote(table)} (${columns.map(quote).join(", ")})`;
  for (let start = 0; start < rows.length; start += chunkSize) {
    const part = rows.slice(start, start + chunkSize);
    if (postgres) {
      const arrays = columns.map((c) => part.map((r) => r[c] ?? null));
      const casts = columns.map((c, i) => `$${i + 1}::${types[c] === "integer" ? "bigint" : "text"}[]`);
      await trx.executeQuery(
        CompiledQuery.raw(`insert into ${target} select * from unnest(${casts.join(", ")})`, arrays),
      );
    } else {
      const params: unknown[] = [];
      for (const r of part) for (const c of columns) params.push(r[c] ?? null);
      await trx.executeQuery(CompiledQuery.raw(sqliteInsert(target, columns.length, part.length), params));
    }
  }
}

/** `insert into T (...) values (?, ...), ...` texts by shape, built once each. */
const sqliteTexts = new Map<string, string>();

function sqliteInsert(target: string, columnCount: number, rowCount: number): string {
  const key = `${target}/${rowCount}`;
  let text = sqliteTexts.get(key);
  if (text === undefined) {
    const row = `(${Array.from({ length: columnCount }, () => "?").join(", ")})`;
    text = `insert into ${target} values ${Array.from({ length: rowCount }, () => row).join(", ")}`;
    if (sqliteTexts.size > 2_000) sqliteTexts.clear();
    sqliteTexts.set(key, text);
  }
  return text;
}

/** Identifiers here are the schema's own table and column names, never input; quoted all the same. */
function quote(identifier: string): string {
  return `"${identifier.replaceAll('"', '""')}"`;
}
