/**
 * A list split for statements that bind one parameter per item (`in (...)` lists, multi-row inserts), so
 * each statement stays far below both engines' caps on bound parameters (SQLite 32,766, PostgreSQL 65,535).
 */
export function chunks<T>(items: readonly T[], size = 1000): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
