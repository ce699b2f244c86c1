import { readFileSync } from "node:fs";

/**
 * Reads the FOCUS specification's small scenario CSVs for tests: CRLF or LF, blank lines between rows,
 * a byte-order mark, and the `null` literal. They hold no quoted commas, so a split is enough here; the
 * real import goes through DuckDB.
 */
export function readScenarioCsv(url: URL): Record<string, string | null>[] {
  const lines = readFileSync(url, "utf8")
    .replace(/^\uFEFF/, "")
    .split(/\r?\n/)
    .filter((l) => l.trim() !== "");
  const header = (lines[0] ?? "").split(",");
  return lines.slice(1).map((line) => {
    const cells = line.split(",");
    return Object.fromEntries(
      header.map((h, i) => {
        const v = cells[i];
        return [h, v === undefined || v === "" || v.toLowerCase() === "null" ? null : v];
      }),
    );
  });
}
