import { type Kysely, sql } from "kysely";
import type { Tables } from "./tables.ts";

type Work<T> = (db: Kysely<Tables>) => Promise<T>;

interface Pending {
  work: Work<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: boolean; value: unknown };

/**
 * SQLite's single writer, fed by an in-process queue. Every queued unit of work that arrives while a
 * commit is in flight joins the next batch: one BEGIN IMMEDIATE, each unit in its own SAVEPOINT (so one
 * failing unit rolls back alone), one COMMIT and one fsync for the whole batch. A unit's promise
 * resolves only after the batch is durable (`durable()` resolved: the WAL fsync of dialect/wal-fsync.ts),
 * which is what lets an alert be acknowledged with a 2xx. The writer does not wait for that fsync before
 * starting the next batch, so committing and syncing overlap.
 */
export class GroupCommitWriter {
  private queue: Pending[] = [];
  private running = false;
  private closed = false;

  private readonly writer: Kysely<Tables>;
  private readonly durable: () => Promise<void>;
  private readonly maxBatch: number;
  private syncing = new Set<Promise<void>>();

  constructor(writer: Kysely<Tables>, durable: () => Promise<void>, maxBatch = 500) {
    this.writer = writer;
    this.durable = durable;
    this.maxBatch = maxBatch;
  }

  /** Runs `work` inside a transaction that is committed (durably) before the promise resolves. */
  write<T>(work: Work<T>): Promise<T> {
    if (this.closed) return Promise.reject(new Error("database is closed"));
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (v: unknown) => void, reject });
      // Deferred a turn: node:sqlite runs synchronously, so a drain started at once would commit this unit
      // alone before the other requests already waiting on their sockets were even read.
      if (!this.running) {
        this.running = true;
        setImmediate(() => void this.drain());
      }
    });
  }

  /** Units waiting for the writer: a measure of back-pressure. */
  get depth(): number {
    return this.queue.length;
  }

  async close(): Promise<void> {
    this.closed = true;
    while (this.running) await new Promise((r) => setTimeout(r, 5));
    await Promise.all(this.syncing);
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.maxBatch);
        const outcomes = await this.commitBatch(batch);
        if (outcomes) this.settleWhenDurable(batch, outcomes);
        // Let requests that arrived during this commit join the next batch.
        if (this.queue.length > 0) await new Promise((r) => setImmediate(r));
      }
    } finally {
      this.running = false;
    }
  }

  /** Runs and commits one batch; null when the whole transaction failed (its units are rejected). */
  private async commitBatch(batch: Pending[]): Promise<Outcome[] | null> {
    const outcomes: Outcome[] = [];
    try {
      await this.writer.connection().execute(async (conn) => {
        await sql`begin immediate`.execute(conn);
        try {
          for (const unit of batch) {
            await sql`savepoint unit`.execute(conn);
            try {
              const value = await unit.work(conn);
              await sql`release unit`.execute(conn);
              outcomes.push({ ok: true, value });
            } catch (error) {
              await sql`rollback to unit`.execute(conn);
              await sql`release unit`.execute(conn);
              outcomes.push({ ok: false, value: error });
            }
          }
          await sql`commit`.execute(conn);
        } catch (error) {
          await sql`rollback`.execute(conn).catch(() => {});
          throw error;
        }
      });
    } catch (error) {
      for (const unit of batch) unit.reject(error);
      return null;
    }
    return outcomes;
  }

  /** Resolves the batch's units once the commit is on disk; a failed fsync fails them (a retry is safe). */
  private settleWhenDurable(batch: Pending[], outcomes: Outcome[]): void {
    const settled = this.durable().then(
      () =>
        batch.forEach((unit, i) => {
          const outcome = outcomes[i];
          if (outcome?.ok) unit.resolve(outcome.value);
          else unit.reject(outcome?.value);
        }),
      (error: unknown) => {
        for (const unit of batch) unit.reject(error);
      },
    );
    this.syncing.add(settled);
    void settled.finally(() => this.syncing.delete(settled));
  }
}
