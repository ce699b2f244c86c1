import type { FieldIssue } from "../../platform/errors.ts";
import { nulRefusal } from "../../platform/nul-character.ts";
import { CsvSyntaxError, parseCsv } from "./history-import.csv.ts";
import { type Severity, severityFromText } from "./incident.ts";

/** The columns of an incident history file, as Opsgenie and PagerDuty exports can be reshaped to. */
export const historyColumns = [
  "title",
  "service",
  "severity",
  "triggeredAt",
  "acknowledgedAt",
  "resolvedAt",
] as const;
type Column = (typeof historyColumns)[number];

export interface HistoryRow {
  /** The line of the file the row starts on (the header is line 1). */
  row: number;
  title: string;
  service: string;
  severity: Severity;
  triggeredAt: string;
  acknowledgedAt: string | null;
  resolvedAt: string | null;
}

/** An ISO 8601 instant: a date, a time and an explicit offset (`Z` or `+02:00`); a local time is ambiguous. */
const instantPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

function instant(value: string): string | null {
  if (!instantPattern.test(value)) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/**
 * Reads and checks a history file completely before anything is written: every problem is reported with
 * its row and column (`row 4, column severity`), so one fix-and-retry round finds them all.
 * `knownServices` maps lower-cased catalog service names to their spelling; `now` refuses instants in the future.
 */
export function readHistory(
  text: string,
  knownServices: Map<string, string>,
  now: Date,
): { rows: HistoryRow[]; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const issue = (row: number, column: string, message: string) =>
    issues.push({ path: `row ${row}, column ${column}`, message, line: row });
  let records: ReturnType<typeof parseCsv>;
  try {
    records = parseCsv(text);
  } catch (error) {
    if (error instanceof CsvSyntaxError) {
      issue(error.line, "-", error.message);
      return { rows: [], issues };
    }
    throw error;
  }
  const [header, ...data] = records;
  if (!header) return { rows: [], issues: [{ path: "row 1", message: "the file is empty", line: 1 }] };
  const index = new Map(header.fields.map((name, i) => [name.trim(), i]));
  const missing = historyColumns.filter((c) => !index.has(c));
  if (missing.length > 0) {
    issue(1, missing.join(", "), `missing column(s); the header must name ${historyColumns.join(",")}`);
    return { rows: [], issues };
  }
  if (data.length === 0) issue(2, "-", "no incidents: the file has a header and no rows");
  const rows: HistoryRow[] = [];
  for (const record of data) {
    const at = record.line;
    const get = (c: Column) => (record.fields[index.get(c) as number] ?? "").trim();
    if (record.fields.length !== header.fields.length)
      issue(at, "-", `has ${record.fields.length} fields, the header has ${header.fields.length}`);
    const title = get("title");
    if (!title) issue(at, "title", "is empty");
    else if (title.length > 500) issue(at, "title", "is longer than 500 characters");
    // The CLI reads files without the HTTP layer's check; PostgreSQL cannot store U+0000.
    else if (title.includes("\u0000")) issue(at, "title", nulRefusal);
    const written = get("service");
    const service = knownServices.get(written.toLowerCase());
    if (!written) issue(at, "service", "is empty");
    else if (!service) issue(at, "service", `unknown service '${written}': add it to the catalog first`);
    const severity = severityFromText(get("severity"));
    if (!severity)
      issue(at, "severity", `'${get("severity")}' is not a severity (SEV1-SEV4, P1-P4, critical…)`);
    const times: Record<string, string | null> = {};
    for (const c of ["triggeredAt", "acknowledgedAt", "resolvedAt"] as const) {
      const raw = get(c);
      if (!raw) {
        if (c === "triggeredAt") issue(at, c, "is empty");
        times[c] = null;
        continue;
      }
      const value = instant(raw);
      if (!value) issue(at, c, `'${raw}' is not an ISO 8601 instant with an offset (2026-03-01T10:00:00Z)`);
      else if (value > now.toISOString()) issue(at, c, `'${raw}' is in the future`);
      times[c] = value;
    }
    const { triggeredAt, acknowledgedAt, resolvedAt } = times;
    if (triggeredAt && acknowledgedAt && acknowledgedAt < triggeredAt)
      issue(at, "acknowledgedAt", "is before triggeredAt");
    if (triggeredAt && resolvedAt && resolvedAt < triggeredAt)
      issue(at, "resolvedAt", "is before triggeredAt");
    if (acknowledgedAt && resolvedAt && resolvedAt < acknowledgedAt)
      issue(at, "resolvedAt", "is before acknowledgedAt");
    if (title && service && severity && triggeredAt)
      rows.push({
        row: at,
        title,
        service,
        severity,
        triggeredAt,
        acknowledgedAt: acknowledgedAt ?? null,
        resolvedAt: resolvedAt ?? null,
      });
  }
  return { rows, issues };
}
