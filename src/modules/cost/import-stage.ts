import { closeSync, openSync, readSync } from "node:fs";
import { basename, join } from "node:path";
import { constants, gunzipSync } from "node:zlib";
import type { DuckDBConnection } from "@duckdb/node-api";
import { badInput } from "./cost.errors.ts";
import { ident, lit, queryRows } from "./duck.ts";
import { decimalType, type FocusColumn, focusColumns, mapHeader, nullLiterals } from "./focus-columns.ts";

/** A file given to an import: where it is and the name errors should use. */
export interface ImportFile {
  path: string;
  name: string;
}

/** One file converted to a staging Parquet file (normalized columns, exact decimals, `_bad` per row). */
export interface StagedFile extends ImportFile {
  staged: string;
  rows: number;
  format: "csv" | "parquet";
}

/** Mandatory columns a row may not leave empty (FOCUS says they always have a value). */
const notNull = [
  "billing_account_id",
  "currency",
  "billing_period_start",
  "charge_period_start",
  "charge_category",
  "billed_cost",
  "effective_cost",
];

function detectFormat(path: string): "csv" | "parquet" {
  if (/\.parquet$/i.test(path)) return "parquet";
  const fd = openSync(path, "r");
  try {
    const head = Buffer.alloc(4);
    readSync(fd, head, 0, 4, 0);
    return head.toString("latin1") === "PAR1" ? "parquet" : "csv";
  } finally {
    closeSync(fd);
  }
}

/**
 * The delimiter, from the header line: FOCUS names are plain words, so the separator that splits the
 * header into the most names is the one. Giving it to DuckDB (instead of sniffing) makes a row written
 * with another delimiter an error on its line rather than a misread file.
 */
function csvHeader(path: string): { delim: string; names: string[]; gzip: boolean } | undefined {
  const fd = openSync(path, "r");
  let head: Buffer;
  try {
    const buf = Buffer.alloc(65536);
    head = buf.subarray(0, readSync(fd, buf, 0, buf.length, 0));
  } finally {
    closeSync(fd);
  }
  const gzip = head[0] === 0x1f && head[1] === 0x8b;
  if (gzip) {
    try {
      head = gunzipSync(head, { finishFlush: constants.Z_SYNC_FLUSH });
    } catch {
      return undefined;
    }
  }
  const line = (head.toString("utf8").split(/\r?\n/)[0] ?? "").replace(/^\uFEFF/, "");
  const counts = [",", ";", "\t", "|"].map((d) => ({ d, n: line.split(d).length }));
  const best = counts.sort((a, b) => b.n - a.n)[0];
  if (!best || best.n < 2) return undefined;
  const names = line.split(best.d).map((n) => n.trim().replace(/^"(.*)"$/, "$1"));
  if (new Set(names).size !== names.length || names.some((n) => n === "")) return undefined;
  return { delim: best.d, names, gzip };
}

function readerSql(path: string, format: "csv" | "parquet"): string {
  if (format === "parquet") return `read_parquet(${lit(path)})`;
  const nulls = nullLiterals.map(lit).join(", ");
  const header = csvHeader(path);
  // With the header known nothing is sniffed: a row that does not fit is an error on its line.
  const dialect = header
    ? `, auto_detect = false${header.gzip ? ", compression = 'gzip'" : ""}, delim = ${lit(header.delim)}, quote = '"', escape = '"', columns = {${header.names.map((n) => `${lit(n)}: 'VARCHAR'`).join(", ")}}`
    : "";
  // Everything as text first: casting is ours, so a bad value can be reported with its row.
  return `read_csv(${lit(path)}, header = true, all_varchar = true, nullstr = [${nulls}], strict_mode = true${dialect})`;
}

function typedSql(c: FocusColumn, raw: string): string {
  // DECIMAL(18,12) parses ~10x faster than DECIMAL(38,12) (64-bit, not 128-bit); the wide cast only
  // runs for the rare value of a million or more.
  if (c.type === "decimal")
    return `COALESCE(TRY_CAST(${raw} AS DECIMAL(18,12)), TRY_CAST(${raw} AS ${decimalType}))`;
  if (c.type === "timestamp")
    // US-style dates (the spec's SaaS examples) would otherwise cast to a year-1 timestamp.
    return `CASE WHEN contains(${raw}, '/') THEN try_strptime(${raw}, ['%m/%d/%y', '%m/%d/%Y', '%m/%d/%Y %H:%M:%S', '%m/%d/%y %H:%M']) ELSE TRY_CAST(${raw} AS TIMESTAMP) END`;
  return raw;
}

/** DuckDB's message made readable: the file, the line and what was wrong with it. */
export function fileError(file: string, error: unknown): Error {
  const message = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, " ");
  const line = /CSV Error on Line: (\d+)/.exec(message)?.[1];
  const columns = /Expected Number of Columns: (\d+) Found: (\d+)/.exec(message);
  if (line && columns)
    return badInput(
      `${file} line ${line}: expected ${columns[1]} columns, found ${columns[2]} (a truncated file or a different delimiter?)`,
    );
  if (line)
    return badInput(
      `${file} line ${line}: ${message.replace(/^.*?CSV Error on Line: \d+/, "").slice(0, 300)}`,
    );
  return badInput(`${file}: cannot read as a FOCUS CSV, gzip CSV or Parquet file: ${message.slice(0, 300)}`);
}

/** The raw expression of a column the file does not have. */
const absent = "CAST(NULL AS VARCHAR)";

/** Column -> raw text expression for one file, or the mandatory FOCUS columns it lacks. */
async function columnSources(
  conn: DuckDBConnection,
  file: ImportFile,
  reader: string,
  format: "csv" | "parquet",
) {
  let described: { column_name: string; column_type: string }[];
  try {
    described = await queryRows(conn, `DESCRIBE SELECT * FROM ${reader}`);
  } catch (error) {
    throw fileError(file.name, error);
  }
  const types = new Map(described.map((d) => [d.column_name, d.column_type]));
  const { source, missing } = mapHeader(described.map((d) => d.column_name));
  if (missing.length > 0)
    throw badInput(
      `${file.name}: not a FOCUS export: missing mandatory column(s) ${missing.join(", ")}`,
      "file",
    );
  const raw = new Map<string, string>();
  for (const c of focusColumns) {
    const header = source.get(c.name);
    if (!header) raw.set(c.name, absent);
    else if (format === "csv") raw.set(c.name, ident(header));
    else if (/^MAP|^STRUCT/.test(types.get(header) ?? ""))
      raw.set(c.name, `CAST(to_json(${ident(header)}) AS VARCHAR)`);
    else raw.set(c.name, `NULLIF(CAST(${ident(header)} AS VARCHAR), '')`);
  }
  return raw;
}

/**
 * Streams each file through DuckDB into a staging Parquet file: one pass, nothing held in memory. `_bad`
 * marks rows with a value that does not convert, so the first can be reported by row. Then `typed` is a
 * view over all staged rows, with `filename` and `file_row_number` (0-based) for error messages.
 */
export async function stageFiles(
  conn: DuckDBConnection,
  files: ImportFile[],
  stagingDir: string,
  progress: (done: number, total: number) => void = () => {},
): Promise<StagedFile[]> {
  const staged: StagedFile[] = [];
  for (const [i, file] of files.entries()) {
    progress(i, files.length);
    const format = detectFormat(file.path);
    const reader = readerSql(file.path, format);
    const raw = await columnSources(conn, file, reader, format);
    // Raw text first, converted values next, checks last: each conversion is computed once.
    const rawCols = focusColumns.map((c, k) => `${raw.get(c.name)} AS r${k}`);
    const typedCols = focusColumns.map((c, k) => `${typedSql(c, `r${k}`)} AS ${c.name}`);
    const badChecks = focusColumns.flatMap((c, k) => {
      if (raw.get(c.name) === absent) return notNull.includes(c.name) ? ["true"] : [];
      // Text is taken as it is: only conversions (numbers, dates, Tags JSON) can fail.
      const converts = c.type !== "text";
      const checks = converts ? [`(r${k} IS NOT NULL AND ${c.name} IS NULL)`] : [];
      if (notNull.includes(c.name)) checks.push(`r${k} IS NULL`);
      return checks;
    });
    const path = join(stagingDir, `stage-${i}.parquet`);
    try {
      await conn.run(
        `COPY (SELECT ${focusColumns.map((c) => c.name).join(", ")}, ${badChecks.join(" OR ")} AS _bad
           FROM (SELECT *, ${typedCols.join(", ")} FROM (SELECT ${rawCols.join(", ")} FROM ${reader})))
         TO ${lit(path)} (FORMAT parquet, COMPRESSION snappy)`,
      );
    } catch (error) {
      throw fileError(file.name, error);
    }
    const [count] = await queryRows<{ n: string }>(
      conn,
      `SELECT count(*)::VARCHAR AS n FROM read_parquet(${lit(path)})`,
    );
    staged.push({ ...file, staged: path, rows: Number(count?.n ?? 0), format });
  }
  await conn.run(
    `CREATE OR REPLACE TEMP VIEW typed AS SELECT * FROM read_parquet([${staged.map((f) => lit(f.staged)).join(", ")}], filename = true, file_row_number = true)`,
  );
  progress(files.length, files.length);
  return staged;
}

/** The file and 1-based data row of a staged row. */
export function sourceOf(staged: StagedFile[], filename: string, fileRowNumber: number | string) {
  const file = staged.find((f) => f.staged === filename) ?? staged[0];
  return { file: file as StagedFile, row: Number(fileRowNumber) + 1 };
}

/** Throws for the first row with an unconvertible or missing value, naming file, row and column. */
export async function rejectBadRows(conn: DuckDBConnection, staged: StagedFile[]): Promise<void> {
  // The common case costs one scan of a boolean column; the row is looked up only when there is one.
  const [count] = await queryRows<{ n: string }>(conn, "SELECT count(*)::VARCHAR AS n FROM typed WHERE _bad");
  if (!count || count.n === "0") return;
  const [bad] = await queryRows<{ filename: string; n: string }>(
    conn,
    "SELECT filename, file_row_number::VARCHAR AS n FROM typed WHERE _bad ORDER BY filename, file_row_number LIMIT 1",
  );
  if (!bad) return;
  const { file, row } = sourceOf(staged, bad.filename, bad.n);
  const raw = await columnSources(conn, file, readerSql(file.path, file.format), file.format);
  const select = focusColumns.map((c) => `${raw.get(c.name)} AS ${c.name}`).join(", ");
  const [rawRow] = await queryRows(
    conn,
    `SELECT ${select} FROM ${readerSql(file.path, file.format)} LIMIT 1 OFFSET ${row - 1}`,
  );
  const [typedRow] = await queryRows(
    conn,
    `SELECT * FROM typed WHERE filename = ${lit(file.staged)} AND file_row_number = ${row - 1}`,
  );
  for (const c of focusColumns) {
    const value = rawRow?.[c.name];
    const focusName = c.focus.at(-1);
    if (value !== null && value !== undefined && (typedRow?.[c.name] ?? null) === null)
      throw badInput(
        `${file.name} row ${row}: ${focusName} ${JSON.stringify(value)} is not ${describe(c)}`,
        "file",
      );
    if ((value === null || value === undefined) && notNull.includes(c.name))
      throw badInput(`${file.name} row ${row}: ${focusName} is empty but mandatory`, "file");
  }
  throw badInput(`${file.name} row ${row}: a value does not convert`, "file");
}

function describe(c: FocusColumn): string {
  if (c.type === "decimal") return "a decimal number";
  if (c.type === "timestamp") return "a date-time (YYYY-MM-DD HH:MM:SS or ISO 8601)";
  return "a JSON object";
}

export const fileLabel = (path: string) => basename(path);
