import { existsSync } from "node:fs";
import { type Browser, chromium } from "playwright-core";

/** Debian's Chromium: the only browser our machines install (never a Playwright download). */
export const chromiumPath = "/usr/bin/chromium";

/**
 * Launches headless Chromium. A missing binary is a failure, not a skip: CI installs it, and a browser
 * test that silently does nothing would hide a broken UI.
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `${chromiumPath} is missing: the browser tests need Debian's chromium (apt-get install -y chromium)`,
    );
  }
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}
