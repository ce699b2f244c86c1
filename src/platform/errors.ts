/**
 * Domain errors. Services throw these; one HTTP error handler maps them to RFC 9457 problem+json,
 * and the CLI prints them. Services never throw HTTP errors themselves.
 */

/** One problem with one field of the input, e.g. `{ path: "spec.tier", message: "must be 1-4" }`. */
export interface FieldIssue {
  path: string;
  message: string;
  file?: string;
  document?: number;
  line?: number;
}

export class DomainError extends Error {
  readonly code: string = "domain_error";
}

export class InputError extends DomainError {
  override readonly code = "invalid_input";
  readonly issues: FieldIssue[];
  constructor(message: string, issues: FieldIssue[] = []) {
    super(message);
    this.issues = issues;
  }
}

export class NotFoundError extends DomainError {
  override readonly code = "not_found";
}

export class ConflictError extends DomainError {
  override readonly code = "conflict";
}

export class NotAllowedError extends DomainError {
  override readonly code = "forbidden";
}

export class UnauthenticatedError extends DomainError {
  override readonly code = "unauthenticated";
}

export class RateLimitedError extends DomainError {
  override readonly code = "rate_limited";
  readonly retryAfterSeconds: number;
  constructor(message: string, retryAfterSeconds: number) {
    super(message);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export class UnavailableError extends DomainError {
  override readonly code = "unavailable";
  readonly retryAfterSeconds: number;
  constructor(message: string, retryAfterSeconds: number) {
    super(message);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
