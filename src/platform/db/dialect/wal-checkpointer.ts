import { Worker } from "node:worker_threads";

/** Pages in the WAL after which the writer itself checkpoints, should the worker fall behind. */
export const fallbackAutocheckpointPages = 10_000;

/**
 * Keeps SQLite checkpoints off the event loop. The writer connection's automatic checkpoint (which runs
 * inside COMMIT, every 1,000 pages by default) is raised to a fallback limit, and after commits this asks a
 * worker thread to checkpoint, at most one request at a time. Measured on the alert ingest: COMMIT's p90
 * fell from about 12 ms to under 1 ms. See docs/adr/0002.
 */
export class WalCheckpointer {
  private readonly worker: Worker;
  private busy = false;
  private wanted = false;

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

  /** Called after each commit: starts a checkpoint unless one runs, then one more when it finishes. */
  request(): void {
    if (this.busy) {
      this.wanted = true;
      return;
    }
    this.busy = true;
    this.wanted = false;
    this.worker.postMessage("checkpoint");
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}
