import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { queryRows, withDuck } from "./duck.ts";

/** The real FOCUS files in /work/shared/fixtures/focus (never edited). */
export const focusFixture = (path: string) =>
  fileURLToPath(new URL(`../../../../shared/fixtures/focus/${path}`, import.meta.url));
export const focusSample = focusFixture("FOCUS-1.0/focus_sample.csv");

export function tempDir(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Independent expectations: plain DuckDB SQL over the file, written in the test, not the code under test. */
export function duckSql<T = Record<string, string | null>>(sql: string): Promise<T[]> {
  return withDuck((conn) => queryRows<T>(conn, sql));
}
