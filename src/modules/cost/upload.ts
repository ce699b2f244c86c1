import { createWriteStream, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { badInput, tooLarge } from "./cost.errors.ts";

/** Billing exports are large: this route alone accepts up to 512 MiB, streamed to disk, never buffered. */
export const uploadLimitBytes = 512 * 1024 * 1024;

/** A safe file name that keeps the extension (DuckDB reads `.gz` and `.parquet` by it). */
export function uploadName(raw: string | undefined): string {
  const name =
    (raw ?? "")
      .split(/[\\/]/)
      .pop()
      ?.replace(/[^A-Za-z0-9._-]/g, "_") ?? "";
  if (!name || name.startsWith("."))
    throw badInput("give the file name: ?filename=export.csv or an X-Filename header", "filename");
  return name.slice(-200);
}

/** Streams the body to a private temp directory; the caller removes it with `cleanup`. */
export async function receiveUpload(body: Readable, name: string, limit = uploadLimitBytes) {
  const dir = mkdtempSync(join(tmpdir(), "opsdeck-cost-upload-"));
  const path = join(dir, name);
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  let bytes = 0;
  try {
    await pipeline(
      body,
      async function* (source: AsyncIterable<Buffer>) {
        for await (const chunk of source) {
          bytes += chunk.length;
          if (bytes > limit) throw tooLarge(limit);
          yield chunk;
        }
      },
      createWriteStream(path),
    );
  } catch (error) {
    cleanup();
    throw error;
  }
  if (bytes === 0) {
    cleanup();
    throw badInput("the upload is empty", "body");
  }
  return { path, cleanup };
}
