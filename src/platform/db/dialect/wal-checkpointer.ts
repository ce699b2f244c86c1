import { Worker } from "node:worker_threads";

/** Pages in the WAL after which the writer itself checkpoints, should the worker fall behind. */
export const fallbackAutocheckpointPages = 10_000;

/**
 * Least time from one checkpoint's start to the next. A checkpoint copies every page the WAL holds since
 * the last one, once, so the pages a busy writer dirties in every commit (index leaves, a table's last
 * page) are copied once per interval instead of once per commit: on single-alert intake, checkpointing
 * after every commit cost about a sixth of the process's CPU. The WAL holds about this much more.
 */
export const checkpointIntervalMs = 200;

/**
 * Keeps SQLite checkpoints off the event loop. The writer connection's automatic checkpoint (which runs
 * inside COMMIT, every 1,000 pages by default) is raised to a fallback limit, and after commits this asks a
 * worker thread to checkpoint, one at a time and at most one per `checkpointIntervalMs`. Measured on the alert ingest: COMMIT's p90
 * fell from about 12 ms to under 1 ms. See docs/adr/0002.
 */
export class WalCheckpointer {
  private readonly worker: Worker;
  private busy = false;
  private wanted = false;
  private timer: NodeJS.Timeout | null = null;
  private lastStarted = Number.NEGATIVE_INFINITY;

  constructor(path: string) {
    this.worker = new Worker(new URL("./wal-checkpoint.worker.ts", import.meta.url), {
      workerData: { path },
    });
    // The worker must never keep the process alive on its own.
    this.worker.unref();
    this.worker.on("message", () => {
      this.busy = false;
      if (this.wanted) this.request();
    });
    this.worker.on("error", () => {
      // Checkpoints fall back to the writer's own (raised) automatic limit.
      this.busy = true;
    });
  }

  /**
   * Called after each commit: starts a checkpoint, or schedules one when the last started less than an
   * interval ago, or asks for one more when one runs (a commit made during it may not be covered).
   */
  request(): void {
    if (this.busy) {
      this.wanted = true;
      return;
    }
    if (this.timer) return;
    const wait = this.lastStarted + checkpointIntervalMs - performance.now();
    if (wait <= 0) {
      this.start();
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = null;
      this.start();
    }, wait);
    // A pending checkpoint never keeps the process alive: the WAL is durable, the next open copies it.
    this.timer.unref();
  }

  private start(): void {
    this.busy = true;
    this.wanted = false;
    this.lastStarted = performance.now();
    this.worker.postMessage("checkpoint");
  }

  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    await this.worker.terminate();
  }
}
