/**
 * CSV for every cost table, built in the browser from what the table shows. Pure (no DOM), so it is
 * unit-tested under node; CsvButton.tsx turns the text into a download.
 */

export type CsvCell = string | number | boolean | null | undefined;

/** A plain number, possibly negative: "-12.50" is data, not a formula. */
const plainNumber = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Spreadsheet formula injection (CWE-1236): Excel, LibreOffice and Google Sheets run a cell that starts
 * with = + - @ (and tab or carriage return) as a formula, so a resource name like `=HYPERLINK(...)` from a
 * billing export could execute when finance opens the file. Such cells get a leading apostrophe, which
 * spreadsheets read as "text". Plain numbers such as -12.50 are left alone so negative amounts stay numbers.
 */
export function neutralizeFormula(text: string): string {
  if (!/^[=+\-@\t\r]/.test(text)) return text;
  if (plainNumber.test(text)) return text;
  return `'${text}`;
}

/** One field per RFC 4180: quoted when it holds a comma, a quote or a line break; quotes doubled. */
export function csvField(value: CsvCell): string {
  if (value === null || value === undefined) return "";
  const text = neutralizeFormula(String(value));
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A whole file: the header, then one record per row, CRLF line ends (RFC 4180) and a final CRLF. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return [header, ...rows].map((row) => `${row.map(csvField).join(",")}\r\n`).join("");
}

/** A file name that is safe on every OS: `cost-breakdown-team-2026-10-01.csv`. */
export function csvFileName(...parts: string[]): string {
  const stem = parts
    .filter(Boolean)
    .join("-")
    .replace(/[^a-zA-Z0-9._-]+/g, "-")
    .replace(/-+/g, "-")
    .replace(/^-|-$/g, "");
  return `${stem || "export"}.csv`;
}
