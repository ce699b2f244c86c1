import { type Kysely, type Selectable, sql } from "kysely";
import { addMs, type Clock, toIso } from "../clock.ts";
import type { DialectName } from "../db/database.ts";
import { skipLockedRows } from "../db/dialect/locking.ts";
import type { Tables } from "../db/tables.ts";
import { newId } from "../ids.ts";
import type { JobTable } from "./jobs.tables.ts";
import { defaultMaxAttempts, type JobCounts, type JobSpec } from "./jobs.ts";
import "./jobs.tables.ts";

export type JobRow = Selectable<JobTable>;

/**
 * Adds a job in the caller's transaction, so it exists exactly when the change that causes it commits.
 * With a `key` that is already taken (by a job in any state) nothing is added and the existing id returned.
 */
export async function enqueueJob(
  trx: Kysely<Tables>,
  clock: Clock,
  spec: JobSpec,
): Promise<{ id: string; enqueued: boolean }> {
  const payload = JSON.stringify(spec.payload);
  if (payload === undefined) throw new Error(`job ${spec.type}: the payload is not JSON-serialisable`);
  const maxAttempts = spec.maxAttempts ?? defaultMaxAttempts;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1)
    throw new Error(`job ${spec.type}: maxAttempts must be a positive integer`);
  const now = clock.now();
  const at = toIso(now);
  const inserted = await trx
    .insertInto("jobs")
    .values({
      id: newId(now),
      type: spec.type,
      payload,
      key: spec.key ?? null,
      status: "pending",
      due_at: toIso(spec.dueAt ?? now),
      attempts: 0,
      max_attempts: maxAttempts,
      created_at: at,
      updated_at: at,
    })
    .onConflict((oc) => oc.column("key").doNothing())
    .returning("id")
    .executeTakeFirst();
  if (inserted) return { id: inserted.id, enqueued: true };
  const existing = await trx
    .selectFrom("jobs")
    .select("id")
    .where("key", "=", spec.key ?? "")
    .executeTakeFirstOrThrow();
  return { id: existing.id, enqueued: false };
}

export interface ClaimRequest {
  owner: string;
  now: Date;
  leaseMs: number;
  limit: number;
  /** Only types this worker can run: an older instance in a rolling deploy leaves newer types alone. */
  types: string[];
}

/**
 * Leases up to `limit` due jobs to `owner`, oldest due first, counting the attempt. A job whose lease ran out
 * counts as free: its holder is presumed dead. On PostgreSQL rows another claimer holds (or a running
 * handler is completing) are skipped rather than waited for.
 */
export async function claimJobs(
  trx: Kysely<Tables>,
  dialect: DialectName,
  request: ClaimRequest,
): Promise<JobRow[]> {
  if (request.types.length === 0 || request.limit < 1) return [];
  const at = toIso(request.now);
  // A literal, not a parameter: SQLite uses the partial index only when the term matches it as written.
  const pending = sql.lit("pending");
  const due = trx
    .selectFrom("jobs")
    .select("id")
    .where("status", "=", pending)
    .where("due_at", "<=", at)
    .where((eb) => eb.or([eb("lease_until", "is", null), eb("lease_until", "<", at)]))
    .where("type", "in", request.types)
    .orderBy("due_at")
    .orderBy("id")
    .limit(request.limit);
  const rows = await trx
    .updateTable("jobs")
    .set((eb) => ({
      attempts: eb("attempts", "+", 1),
      lease_owner: request.owner,
      lease_until: toIso(addMs(request.now, request.leaseMs)),
      updated_at: at,
    }))
    .where("id", "in", skipLockedRows(dialect, due))
    .returningAll()
    .execute();
  // RETURNING promises no order.
  return rows.sort((a, b) => a.due_at.localeCompare(b.due_at) || a.id.localeCompare(b.id));
}

/**
 * Marks a job done if `owner` still holds it. Run first in the handler's transaction: on PostgreSQL the
 * row lock it takes keeps other claimers off the job until the handler's work commits or rolls back.
 */
export async function markJobDone(
  trx: Kysely<Tables>,
  job: { id: string; owner: string; now: Date },
): Promise<boolean> {
  const at = toIso(job.now);
  const result = await trx
    .updateTable("jobs")
    .set({ status: "done", finished_at: at, updated_at: at })
    .where("id", "=", job.id)
    .where("lease_owner", "=", job.owner)
    .where("status", "=", "pending")
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface FailedRun {
  id: string;
  owner: string;
  now: Date;
  error: string;
  /** When to try again; null gives up: the job becomes `failed`. */
  retryAt: Date | null;
}

/** Records a failed run if `owner` still holds the job; returns false when the lease was lost meanwhile. */
export async function recordJobFailure(trx: Kysely<Tables>, run: FailedRun): Promise<boolean> {
  const at = toIso(run.now);
  const next =
    run.retryAt === null
      ? { status: "failed", finished_at: at }
      : { status: "pending", due_at: toIso(run.retryAt), lease_owner: null };
  const result = await trx
    .updateTable("jobs")
    .set({ ...next, last_error: run.error, lease_until: null, updated_at: at })
    .where("id", "=", run.id)
    .where("lease_owner", "=", run.owner)
    .where("status", "=", "pending")
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export function findJob(db: Kysely<Tables>, id: string): Promise<JobRow | undefined> {
  return db.selectFrom("jobs").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Counts by state in one scan; cheap enough for a metrics scrape at the table sizes retention keeps. */
export async function countJobs(db: Kysely<Tables>, now: Date): Promise<JobCounts> {
  const at = toIso(now);
  const rows = await db
    .selectFrom("jobs")
    .select((eb) => [
      eb
        .case()
        .when(eb.and([eb("status", "=", "pending"), eb("lease_until", ">=", at)]))
        .then(sql.lit("running"))
        .else(eb.ref("status"))
        .end()
        .as("state"),
      eb.fn.countAll().as("n"),
    ])
    .groupBy("state")
    .execute();
  const counts: JobCounts = { pending: 0, running: 0, done: 0, failed: 0 };
  for (const r of rows) {
    const state = r.state as keyof JobCounts;
    if (state in counts) counts[state] = Number(r.n);
  }
  return counts;
}
