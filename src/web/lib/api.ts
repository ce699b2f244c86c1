/**
 * The one way the web UI talks to the server. Every request goes through `api()`, so the CSRF header,
 * JSON handling and RFC 9457 problem parsing live in exactly one place.
 */

/** One offending field of a rejected request, e.g. `{ path: "body.email", message: "Invalid email" }`. */
export interface FieldIssue {
  path: string;
  message: string;
}

/** The RFC 9457 problem document the server answers every error with. */
export interface Problem {
  type?: string;
  title: string;
  status: number;
  detail?: string;
  requestId?: string;
  errors?: FieldIssue[];
}

export class ApiError extends Error {
  override name = "ApiError";
  readonly problem: Problem;
  constructor(problem: Problem) {
    super(problem.detail ?? problem.title);
    this.problem = problem;
  }
  get status(): number {
    return this.problem.status;
  }
}

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface RequestOptions {
  method?: Method;
  body?: unknown;
  query?: Record<string, string | number | undefined>;
  signal?: AbortSignal;
}

/** Header the server requires on cookie-authenticated changes: a cross-site form cannot send it. */
const csrfHeader = "x-opsdeck-request";

/** Builds `path?query`, leaving out empty values so filters that are not set do not reach the server. */
export function withQuery(path: string, query: RequestOptions["query"]): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== "") params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** Calls the API and returns the parsed JSON body (undefined for 204); throws ApiError otherwise. */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? "GET";
  const headers: Record<string, string> = { accept: "application/json" };
  if (method !== "GET") headers[csrfHeader] = "1";
  // Only requests with a body declare JSON: the server rejects an empty body labelled as JSON.
  if (options.body !== undefined) headers["content-type"] = "application/json";
  let response: Response;
  try {
    response = await fetch(withQuery(path, options.query), {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: "same-origin",
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new ApiError({ title: "Network error", status: 0, detail: "the server could not be reached" });
  }
  if (response.status === 204) return undefined as T;
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) throw new ApiError(toProblem(response, body));
  return body as T;
}

function toProblem(response: Response, body: unknown): Problem {
  if (body && typeof body === "object" && "title" in body) {
    const p = body as Partial<Problem>;
    return {
      type: p.type,
      title: String(p.title),
      status: response.status,
      detail: p.detail,
      requestId: p.requestId,
      errors: Array.isArray(p.errors) ? p.errors : undefined,
    };
  }
  // A proxy in front of opsdeck may answer with HTML; keep the status so callers can still react to it.
  return { title: response.statusText || "Request failed", status: response.status };
}

/** The message of a field from a problem: its path is `body.user.email` or `email`, both match `email`. */
export function fieldError(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const issues = error.problem.errors ?? [];
  const match = issues.filter((i) => i.path === field || i.path.endsWith(`.${field}`));
  return match.length > 0 ? match.map((i) => i.message).join("; ") : undefined;
}

/** True for errors that retrying cannot fix (4xx), so queries do not hammer the server with them. */
export function isClientError(error: unknown): boolean {
  return error instanceof ApiError && error.status >= 400 && error.status < 500;
}
