import { DatabaseSync } from "node:sqlite";
import { parentPort, workerData } from "node:worker_threads";

/**
 * Runs SQLite checkpoints on a thread of its own (see wal-checkpointer.ts): copying WAL pages into the
 * database file and fsyncing both takes milliseconds that would otherwise stall the event loop inside
 * some unlucky COMMIT. PASSIVE never waits for readers or the writer; what it cannot copy now, the next
 * request copies.
 */
const { path } = workerData as { path: string };
const db = new DatabaseSync(path);
db.exec("pragma busy_timeout = 10000");
db.exec("pragma synchronous = NORMAL");
parentPort?.on("message", (message: string) => {
  if (message !== "checkpoint") return;
  try {
    db.exec("pragma wal_checkpoint(PASSIVE)");
  } catch {
    // A busy database: the next request tries again; the writer's own fallback limit keeps the WAL bounded.
  }
  parentPort?.postMessage("done");
});
