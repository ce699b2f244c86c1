import type { Kysely } from "kysely";
import type { Tables } from "../db/tables.ts";

export const jobStatuses = ["pending", "done", "failed"] as const;
export type JobStatus = (typeof jobStatuses)[number];

/** What a caller asks for. `payload` must survive JSON.stringify/parse unchanged. */
export interface JobSpec {
  type: string;
  payload: unknown;
  /** Not run before this instant; now when absent. */
  dueAt?: Date;
  /** Idempotency key: a second enqueue with the same key keeps the first job and changes nothing. */
  key?: string;
  maxAttempts?: number;
}

/** What a handler learns about the job it runs. */
export interface JobInfo {
  id: string;
  type: string;
  key: string | null;
  /** 1 on the first run; a value above 1 means an earlier run failed or its worker died. */
  attempt: number;
  maxAttempts: number;
  dueAt: string;
  createdAt: string;
}

/**
 * What a handler may hand back. `afterCommit` runs once the job's transaction has committed, outside any
 * transaction and without holding up the worker's next round: the place for slow outside I/O (a mail or
 * webhook call) that must not sit inside the single SQLite writer or keep a PostgreSQL connection. The job
 * is already `done` when it runs, so it is not retried by the worker: it must record its own outcome (in
 * its own `db.write`) and the handler must leave a durable way to notice that it never ran (the process
 * may die first), e.g. a follow-up job. A rejection is logged and otherwise ignored.
 */
export interface JobResult {
  afterCommit?: () => Promise<void>;
}

/**
 * Runs one job inside the transaction that marks it done, so its database effects commit exactly when the
 * completion does: if the worker dies or loses its lease, both roll back and the job runs again. Effects
 * outside the database (mail, webhooks, pages) may therefore happen more than once and must be idempotent,
 * e.g. keyed by `job.id`, or moved to `afterCommit` (see JobResult). Throwing schedules a retry. Use only
 * `trx`: on SQLite a second `db.write` from inside a handler waits for the writer the handler itself holds.
 */
// biome-ignore lint/suspicious/noConfusingVoidType: handlers written as `Promise<void>` (most) must stay valid.
export type JobHandler = (trx: Kysely<Tables>, payload: unknown, job: JobInfo) => Promise<void | JobResult>;

/** Jobs by state, for metrics. `running` are pending jobs under a live lease; `pending` excludes them. */
export interface JobCounts {
  pending: number;
  running: number;
  done: number;
  failed: number;
}

export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
}

/** Ten attempts over about eight and a half minutes: rides out a restart of a mail server or chat API. */
export const defaultMaxAttempts = 10;
export const defaultBackoff: BackoffPolicy = { baseMs: 1_000, maxMs: 5 * 60_000 };

/** Delay before the retry that follows failed attempt number `attempt` (1-based): doubling, capped. */
export function retryDelayMs(attempt: number, policy: BackoffPolicy = defaultBackoff): number {
  return Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
}

/** The text kept in `last_error`: bounded, so a huge error cannot bloat the row. */
export function describeError(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.length > 2000 ? `${text.slice(0, 2000)}…` : text;
}

/** Joins the modules' handler maps; a type claimed by two modules is a programming error. */
export function mergeJobHandlers(maps: Record<string, JobHandler>[]): Record<string, JobHandler> {
  const merged: Record<string, JobHandler> = {};
  for (const map of maps) {
    for (const [type, handler] of Object.entries(map)) {
      if (merged[type]) throw new Error(`job type ${type} has two handlers`);
      merged[type] = handler;
    }
  }
  return merged;
}
