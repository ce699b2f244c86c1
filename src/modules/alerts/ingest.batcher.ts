import type { Clock } from "../../platform/clock.ts";
import type { Database } from "../../platform/db/database.ts";
import { isUniqueViolation } from "../../platform/db/errors.ts";
import { UnavailableError } from "../../platform/errors.ts";
import { type AlertOutcome, type IngestUnit, ingestUnits } from "./ingest.core.ts";

interface Queued {
  unit: IngestUnit;
  resolve: (outcomes: AlertOutcome[]) => void;
  reject: (error: unknown) => void;
}

export interface BatcherOptions {
  /** Intake answers 503 above this many queued requests (Config.ingestMaxPending). */
  maxPending: number;
  /** Alerts per transaction: bigger batches commit more per fsync but wait longer. */
  maxAlertsPerBatch?: number;
  /** Transactions in flight at once: 1 on SQLite (one writer); a few on PostgreSQL. */
  concurrency?: number;
}

/**
 * Collects concurrent intake requests into one transaction per round: while a batch commits, new requests
 * queue, and the next round takes them all (up to `maxAlertsPerBatch`). On SQLite that is one savepoint in the
 * group commit instead of hundreds; on PostgreSQL it is what makes thousands of alerts per second possible,
 * where one transaction per request would pay a commit each. A request's promise resolves only after its
 * batch committed. A failing batch is retried request by request, so one bad request fails alone.
 */
export class IngestBatcher {
  private readonly db: Database;
  private readonly clock: Clock;
  private readonly maxPending: number;
  private readonly maxAlerts: number;
  private readonly concurrency: number;
  private queue: Queued[] = [];
  private inFlight = 0;
  private inFlightUnits = 0;
  private scheduled = false;

  constructor(db: Database, clock: Clock, options: BatcherOptions) {
    this.db = db;
    this.clock = clock;
    this.maxPending = options.maxPending;
    this.maxAlerts = options.maxAlertsPerBatch ?? 500;
    this.concurrency = options.concurrency ?? (db.dialect === "postgres" ? 2 : 1);
  }

  /** Requests accepted but not yet committed, plus other writes queued for SQLite's writer. */
  get pending(): number {
    return this.queue.length + this.inFlightUnits + this.db.writeQueueDepth();
  }

  /**
   * Queues a request's alerts; resolves after commit. Refuses with 503 (never 429: Alertmanager retries only
   * 5xx) when more than `maxPending` requests wait, so an overload slows senders instead of exhausting memory.
   */
  submit(unit: IngestUnit): Promise<AlertOutcome[]> {
    if (this.pending >= this.maxPending)
      return Promise.reject(
        new UnavailableError("opsdeck is taking in alerts as fast as it can; retry shortly", 1),
      );
    return new Promise((resolve, reject) => {
      this.queue.push({ unit, resolve, reject });
      this.schedule();
    });
  }

  /**
   * Starts the next round after the event loop has read every request that is ready. node:sqlite runs
   * synchronously inside promises, so a round started at once would finish (commit included) before the
   * next socket is even read: every batch would hold one request, and every request would pay a COMMIT.
   */
  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.concurrency && this.queue.length > 0) {
      let alerts = 0;
      let take = 0;
      while (
        take < this.queue.length &&
        (take === 0 || alerts + (this.queue[take]?.unit.alerts.length ?? 0) <= this.maxAlerts)
      ) {
        alerts += this.queue[take]?.unit.alerts.length ?? 0;
        take++;
      }
      const batch = this.queue.splice(0, take);
      this.inFlight++;
      this.inFlightUnits += batch.length;
      void this.run(batch).finally(() => {
        this.inFlight--;
        this.inFlightUnits -= batch.length;
        this.schedule();
      });
    }
  }

  private async run(batch: Queued[]): Promise<void> {
    try {
      const outcomes = await this.db.write((trx) =>
        ingestUnits(
          trx,
          this.clock,
          batch.map((q) => q.unit),
        ),
      );
      for (const [i, q] of batch.entries()) q.resolve(outcomes[i] ?? []);
      return;
    } catch (error) {
      if (batch.length === 1 && !isUniqueViolation(error)) {
        batch[0]?.reject(error);
        return;
      }
    }
    for (const q of batch) {
      try {
        q.resolve(await this.single(q.unit));
      } catch (error) {
        q.reject(error);
      }
    }
  }

  private async single(unit: IngestUnit): Promise<AlertOutcome[]> {
    const once = async () => (await this.db.write((trx) => ingestUnits(trx, this.clock, [unit])))[0] ?? [];
    try {
      return await once();
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      return once();
    }
  }
}
