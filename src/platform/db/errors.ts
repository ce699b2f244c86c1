/**
 * A unique index refused a row: on PostgreSQL another transaction committed the same key first (READ
 * COMMITTED does not see it until then); on SQLite, whose writer is serial, the key was already there.
 * Callers whose work reads-then-writes a key retry once, and then see the other's row.
 */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string } | null;
  return e?.code === "23505" || /UNIQUE constraint failed/i.test(e?.message ?? "");
}
