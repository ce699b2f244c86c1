import { ApiError, type Problem } from "../../lib/api.ts";
import type { ImportResult } from "./types.ts";

/** One issue of a refused import; the server names the file and row (or line) where it can. */
export interface ImportIssue {
  path?: string;
  message: string;
  file?: string;
  row?: number;
  line?: number;
  column?: string;
}

export class ImportError extends ApiError {
  readonly issues: ImportIssue[];
  constructor(problem: Problem, issues: ImportIssue[]) {
    super(problem);
    this.issues = issues;
  }
}

/**
 * Uploads one billing export as the raw request body (CSV, gzip or Parquet as the user picked it): the
 * JSON client in lib/api.ts cannot send a file, so this is the one other request of the cost pages. It
 * carries the same CSRF header.
 */
export async function uploadImport(file: File, signal?: AbortSignal): Promise<ImportResult> {
  let response: Response;
  try {
    response = await fetch(`/api/v1/cost/imports?filename=${encodeURIComponent(file.name)}`, {
      method: "POST",
      headers: {
        accept: "application/json",
        "content-type": "application/octet-stream",
        "x-opsdeck-request": "1",
      },
      body: file,
      credentials: "same-origin",
      signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new ApiError({ title: "Network error", status: 0, detail: "the server could not be reached" });
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (response.ok) return body as ImportResult;
  const p = (body && typeof body === "object" ? body : {}) as Partial<Problem> & { errors?: unknown };
  const issues = Array.isArray(p.errors) ? p.errors.filter(isIssue) : [];
  throw new ImportError(
    {
      title: typeof p.title === "string" ? p.title : response.statusText || "Upload failed",
      status: response.status,
      detail: typeof p.detail === "string" ? p.detail : undefined,
      requestId: p.requestId,
      errors: issues.map((i) => ({ path: i.path ?? "", message: i.message })),
    },
    issues,
  );
}

function isIssue(value: unknown): value is ImportIssue {
  return Boolean(value) && typeof value === "object" && typeof (value as ImportIssue).message === "string";
}

/** "focus.csv row 12 (BilledCost): not a decimal" from whatever location the issue carries. */
export function describeIssue(issue: ImportIssue): string {
  const where = [
    issue.file,
    issue.row !== undefined ? `row ${issue.row}` : undefined,
    issue.line !== undefined ? `line ${issue.line}` : undefined,
    issue.column ? `(${issue.column})` : undefined,
  ].filter(Boolean);
  // `file` and `body` name the request part only; the message itself then says which file and row.
  const generic = issue.path === "file" || issue.path === "body" || issue.path === "";
  const place = where.length > 0 ? where.join(" ") : generic ? undefined : issue.path;
  return place ? `${place}: ${issue.message}` : issue.message;
}
