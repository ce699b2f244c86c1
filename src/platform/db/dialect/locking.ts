import type { SelectQueryBuilder } from "kysely";
import type { DialectName } from "../database.ts";

/**
 * Row locking for work queues: on PostgreSQL `FOR UPDATE SKIP LOCKED`, so concurrent claimers each take
 * rows no other transaction holds instead of queueing behind one another. SQLite has one writer, which
 * already serialises claims (and has no row locks), so the query is left as it is.
 */
export function skipLockedRows<DB, TB extends keyof DB, O>(
  dialect: DialectName,
  query: SelectQueryBuilder<DB, TB, O>,
): SelectQueryBuilder<DB, TB, O> {
  return dialect === "postgres" ? query.forUpdate().skipLocked() : query;
}
