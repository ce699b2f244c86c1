import { randomBytes, randomFillSync } from "node:crypto";

/**
 * Random bytes for ids, drawn from the CSPRNG 4 KiB at a time: one system call per 256 ids instead of one
 * each (as `crypto.randomUUID()` does internally). The ingest path makes several ids per alert.
 */
const pool = Buffer.alloc(16 * 256);
let poolOffset = pool.length;

/**
 * A UUIDv7: time-ordered, so primary keys stay append-mostly in both SQLite and PostgreSQL B-trees.
 * `at` is passed in (from the injected clock) rather than read here.
 */
export function newId(at: Date): string {
  if (poolOffset === pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const bytes = pool.subarray(poolOffset, poolOffset + 16);
  poolOffset += 16;
  bytes.writeUIntBE(at.getTime(), 0, 6);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x70;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** 256 random bits, URL-safe: for session ids, API tokens and setup links. */
export function newSecret(prefix: string): string {
  return `${prefix}${randomBytes(32).toString("base64url")}`;
}
