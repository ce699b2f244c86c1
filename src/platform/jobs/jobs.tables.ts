/**
 * One durable unit of background work. A job is `pending` until a worker finishes it (`done`) or gives
 * up on it (`failed`); a pending job with a future `lease_until` is being run by `lease_owner`.
 */
export interface JobTable {
  id: string;
  type: string;
  /** JSON text: the handler's input. */
  payload: string;
  /** Idempotency key: enqueueing a key that exists keeps the existing job (NULLs never collide). */
  key: string | null;
  status: string;
  /** Not claimed before this instant; after a failure, when the retry is due. */
  due_at: string;
  /** Claims so far, including the one running now. */
  attempts: number;
  max_attempts: number;
  /** Who holds (or last held) the job: kept on done and failed jobs to show who finished them. */
  lease_owner: string | null;
  /** After this instant another worker may take the job over: its holder is presumed dead. */
  lease_until: string | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
}

declare module "../db/tables.ts" {
  interface Tables {
    jobs: JobTable;
  }
}
