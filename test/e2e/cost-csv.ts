import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import Big from "big.js";
import type { Locator, Page } from "playwright-core";

/** A strict RFC 4180 reader, independent of the UI's writer: what a spreadsheet would see. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = "";
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      record.push(field);
      field = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      i++;
    } else field += c;
  }
  assert.equal(quoted, false, "unterminated quote in the CSV");
  assert.deepEqual(record, [], "the CSV does not end with CRLF");
  return records;
}

/** Clicks a "Download CSV" button and returns the file's name and records (without the BOM). */
export async function downloadCsv(
  page: Page,
  button: Locator,
): Promise<{ name: string; records: string[][] }> {
  const [download] = await Promise.all([page.waitForEvent("download"), button.click()]);
  const path = await download.path();
  const text = await readFile(path, "utf8");
  assert.ok(text.startsWith("\uFEFF"), "the CSV starts with a BOM so Excel reads UTF-8");
  return { name: download.suggestedFilename(), records: parseCsv(text.slice(1)) };
}

/** The exact sum of decimal strings. */
export function sum(amounts: string[]): Big {
  return amounts.reduce((s, a) => s.plus(a), new Big(0));
}

/** The `data-*` attribute of every element a locator matches. */
export async function attributes(locator: Locator, name: string): Promise<string[]> {
  return locator.evaluateAll((els, n) => els.map((e) => e.getAttribute(n) ?? ""), name);
}
