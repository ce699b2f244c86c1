import { type FileHandle, open } from "node:fs/promises";
import { dirname } from "node:path";

/**
 * Makes SQLite commits durable without blocking the event loop. The connections run WAL with
 * `synchronous=NORMAL`, so COMMIT writes its frames to the WAL file (the OS cache) and returns; this class
 * then fsyncs the WAL file on libuv's thread pool, and the writer acknowledges a unit only once an fsync
 * that started after its COMMIT has finished. Acknowledged work is as durable as under `synchronous=FULL`
 * (which fsyncs the WAL inside COMMIT), while the event loop keeps reading requests and building the next
 * batch during the fsync. Callers arriving while one fsync runs share the next one (group fsync).
 * WAL frames carry checksums, so an unsynced tail lost to a power cut is discarded whole at recovery: the
 * database stays consistent, and only unacknowledged commits can be lost. See docs/adr/0002.
 */
export class WalFsync {
  private readonly walPath: string;
  private inFlight: Promise<void> | null = null;
  private next: Promise<void> | null = null;
  /** The WAL file's inode when we last made its directory entry durable. */
  private syncedInode: number | null = null;

  constructor(databasePath: string) {
    this.walPath = `${databasePath}-wal`;
  }

  /** Resolves once everything committed before this call is on stable storage. */
  sync(): Promise<void> {
    if (!this.inFlight) {
      this.inFlight = this.fsyncOnce().finally(() => {
        this.inFlight = null;
      });
      return this.inFlight;
    }
    // The fsync under way may have started before the caller's COMMIT: the one after it covers the caller.
    if (!this.next) {
      const startNext = () => {
        this.next = null;
        return this.sync();
      };
      this.next = this.inFlight.then(startNext, startNext);
    }
    return this.next;
  }

  private async fsyncOnce(): Promise<void> {
    let handle: FileHandle;
    try {
      handle = await open(this.walPath, "r");
    } catch (error) {
      // No WAL file: the last connection checkpointed it into the database file (fsynced) and removed it.
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
      throw error;
    }
    try {
      const { ino } = await handle.stat();
      await handle.sync();
      // A new WAL file is durable only once its directory entry is.
      if (ino !== this.syncedInode) {
        await syncDirectory(dirname(this.walPath));
        this.syncedInode = ino;
      }
    } finally {
      await handle.close();
    }
  }
}

async function syncDirectory(path: string): Promise<void> {
  const dir = await open(path, "r");
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
}
