import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { addMs, type Clock } from "../clock.ts";
import type { Database } from "../db/database.ts";
import { claimJobs, type JobRow, markJobDone, recordJobFailure } from "./jobs.repository.ts";
import {
  type BackoffPolicy,
  defaultBackoff,
  describeError,
  type JobHandler,
  type JobInfo,
  type JobResult,
  retryDelayMs,
} from "./jobs.ts";

/** The slice of pino the worker writes to; the server passes its logger, tests pass nothing. */
export interface JobLog {
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export interface WorkerOptions {
  db: Database;
  /** "now" for due times and leases; real timers pace only the polling. */
  clock: Clock;
  handlers: Record<string, JobHandler>;
  /** Unique per process: completion checks it, so two workers must never share one. */
  owner: string;
  /** How long a claim protects a job; a worker dead longer than this has its jobs taken over. */
  leaseMs: number;
  pollMs: number;
  /** Jobs claimed per round, run concurrently (so also the worker's concurrency; after-commit work is not counted). */
  batch: number;
  backoff?: BackoffPolicy;
  log?: JobLog;
}

/** What one round did: `lost` jobs had their lease taken by another worker before they could finish. */
export interface RunSummary {
  claimed: number;
  done: number;
  retried: number;
  failed: number;
  lost: number;
}

type Outcome = "done" | "retried" | "failed" | "lost";

const silent: JobLog = { warn() {}, error() {} };

/** hostname:pid:random, so a restarted process on the same host never inherits its predecessor's leases. */
export function defaultWorkerOwner(): string {
  return `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;
}

/**
 * Claims due jobs and runs their handlers. Any number of workers, in any number of processes, may share one
 * database: claims never overlap, and a job's completion commits only for the worker that still holds it.
 */
export class Worker {
  private readonly options: WorkerOptions;
  private readonly log: JobLog;
  private timer: NodeJS.Timeout | undefined;
  private round: Promise<void> = Promise.resolve();
  private running = false;
  /** After-commit work still running; it is detached from the rounds so a slow peer delays no other job. */
  private readonly afterCommits = new Set<Promise<void>>();

  constructor(options: WorkerOptions) {
    if (options.leaseMs <= 0 || options.pollMs < 0 || options.batch < 1)
      throw new Error("worker: leaseMs and batch must be positive, pollMs not negative");
    this.options = options;
    this.log = options.log ?? silent;
  }

  /** Starts polling; a round that claimed anything polls again at once, so chains of jobs do not wait `pollMs`. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule(0);
  }

  /** Stops polling and resolves once the jobs already claimed, and their after-commit work, have finished. */
  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.round;
    await this.afterCommitsSettled();
  }

  /** Resolves once no after-commit work is running (including work started meanwhile). Tests await it. */
  async afterCommitsSettled(): Promise<void> {
    while (this.afterCommits.size > 0) await Promise.all([...this.afterCommits]);
  }

  /** One round: claim what is due now (by the injected clock) and run it. Tests drive this directly. */
  async runDueJobsOnce(): Promise<RunSummary> {
    const { db, clock, owner, leaseMs, batch, handlers } = this.options;
    const types = Object.keys(handlers);
    // Without handlers there is nothing to claim; skip the idle write transaction every poll.
    if (types.length === 0) return { claimed: 0, done: 0, retried: 0, failed: 0, lost: 0 };
    const jobs = await db.write((trx) =>
      claimJobs(trx, db.dialect, {
        owner,
        now: clock.now(),
        leaseMs,
        limit: batch,
        types,
      }),
    );
    const outcomes = await Promise.all(jobs.map((job) => this.runJob(job)));
    const summary: RunSummary = { claimed: jobs.length, done: 0, retried: 0, failed: 0, lost: 0 };
    for (const outcome of outcomes) summary[outcome]++;
    return summary;
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.round = this.poll();
    }, delayMs);
  }

  private async poll(): Promise<void> {
    let delay = this.options.pollMs;
    try {
      const summary = await this.runDueJobsOnce();
      // Any claimed job may have enqueued follow-ups (event fan-out, the next escalation step): look again
      // at once instead of after pollMs; an empty round goes back to the normal pace.
      if (summary.claimed > 0) delay = 0;
    } catch (error) {
      // The database may be restarting; keep polling, the leases make retrying safe.
      this.log.error({ err: error, owner: this.options.owner }, "job worker: claiming failed");
    }
    // A stop() then start() during this round has already scheduled the next one.
    if (this.running && this.timer === undefined) this.schedule(delay);
  }

  /** Never rejects: every failure is recorded on the job (or left to lease expiry) and logged. */
  private async runJob(job: JobRow): Promise<Outcome> {
    const { db, clock, owner, handlers } = this.options;
    const handler = handlers[job.type];
    try {
      // Unreachable while claims filter by type; kept so a bad claim fails visibly instead of looping.
      if (!handler) return await this.fail(job, `no handler for job type ${job.type}`, true);
      // Claimed past its last attempt: the previous holder died (or overran its lease) on that attempt.
      if (job.attempts > job.max_attempts)
        return await this.fail(job, "the lease expired during the last attempt", true);
      const info = jobInfo(job);
      const ran = await db.write(async (trx): Promise<JobResult | null> => {
        if (!(await markJobDone(trx, { id: job.id, owner, now: clock.now() }))) return null;
        return (await handler(trx, JSON.parse(job.payload), info)) ?? {};
      });
      if (!ran) return "lost";
      if (ran.afterCommit) this.startAfterCommit(job, ran.afterCommit);
      return "done";
    } catch (error) {
      try {
        return await this.fail(job, describeError(error), job.attempts >= job.max_attempts);
      } catch (recordError) {
        // The lease will expire and another attempt will follow; nothing is lost.
        this.log.error({ err: recordError, jobId: job.id }, "job worker: could not record a failure");
        return "lost";
      }
    }
  }

  /** Runs committed work's follow-up detached; the handler contract makes it record its own outcome. */
  private startAfterCommit(job: JobRow, work: () => Promise<void>): void {
    const task: Promise<void> = Promise.resolve()
      .then(work)
      .catch((error: unknown) =>
        this.log.error({ err: error, jobId: job.id, type: job.type }, "job worker: after-commit work failed"),
      )
      .finally(() => this.afterCommits.delete(task));
    this.afterCommits.add(task);
  }

  private async fail(job: JobRow, error: string, final: boolean): Promise<Outcome> {
    const { db, clock, owner, backoff } = this.options;
    const now = clock.now();
    const retryAt = final ? null : addMs(now, retryDelayMs(job.attempts, backoff ?? defaultBackoff));
    const recorded = await db.write((trx) =>
      recordJobFailure(trx, { id: job.id, owner, now, error, retryAt }),
    );
    if (!recorded) return "lost";
    this.log.warn(
      { jobId: job.id, type: job.type, attempt: job.attempts, error, retryAt },
      final ? "job failed for good" : "job failed; will retry",
    );
    return final ? "failed" : "retried";
  }
}

function jobInfo(job: JobRow): JobInfo {
  return {
    id: job.id,
    type: job.type,
    key: job.key,
    attempt: job.attempts,
    maxAttempts: job.max_attempts,
    dueAt: job.due_at,
    createdAt: job.created_at,
  };
}
