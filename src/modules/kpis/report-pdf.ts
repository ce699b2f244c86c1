import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { UnavailableError } from "../../platform/errors.ts";

/** Where Debian, Ubuntu and the CI image put headless Chromium. */
const chromiumPaths = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

export function findChromium(): string | null {
  return chromiumPaths.find((p) => existsSync(p)) ?? null;
}

/**
 * Prints the report's HTML to PDF with headless Chromium (`--print-to-pdf` on a temporary file). Without
 * Chromium this is a clear error (503 through the API), not an empty file.
 */
export async function htmlToPdf(html: string, timeoutMs = 60_000): Promise<Buffer> {
  const chromium = findChromium();
  if (!chromium)
    throw new UnavailableError(
      `PDF needs headless Chromium (looked for ${chromiumPaths.join(", ")}); install it (apt-get install chromium) or use --format html`,
      3600,
    );
  const dir = await mkdtemp(join(tmpdir(), "opsdeck-report-"));
  try {
    const input = join(dir, "report.html");
    const output = join(dir, "report.pdf");
    await writeFile(input, html);
    await new Promise<void>((resolve, reject) => {
      execFile(
        chromium,
        [
          "--headless",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-dev-shm-usage",
          "--no-pdf-header-footer",
          `--user-data-dir=${join(dir, "profile")}`,
          `--print-to-pdf=${output}`,
          pathToFileURL(input).href,
        ],
        { timeout: timeoutMs },
        (error, _stdout, stderr) =>
          error
            ? reject(new Error(`chromium failed: ${error.message} ${String(stderr).slice(0, 500)}`))
            : resolve(),
      );
    });
    const pdf = await readFile(output);
    if (pdf.subarray(0, 4).toString() !== "%PDF") throw new Error("chromium did not write a PDF");
    return pdf;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
