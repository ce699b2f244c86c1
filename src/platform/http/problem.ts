import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import {
  ConflictError,
  DomainError,
  type FieldIssue,
  InputError,
  NotAllowedError,
  NotFoundError,
  RateLimitedError,
  UnauthenticatedError,
  UnavailableError,
} from "../errors.ts";

/** An RFC 9457 problem document. `errors` names each offending field. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  requestId?: string;
  errors?: FieldIssue[];
}

const problemType = (slug: string) => `urn:opsdeck:problem:${slug}`;

export function sendProblem(
  reply: FastifyReply,
  request: FastifyRequest,
  p: Omit<Problem, "instance" | "requestId">,
) {
  return reply
    .status(p.status)
    .type("application/problem+json")
    .send({ ...p, instance: request.url.split("?")[0], requestId: String(request.id) });
}

function fromDomain(error: DomainError): Omit<Problem, "instance" | "requestId"> {
  if (error instanceof InputError)
    return {
      type: problemType("invalid-input"),
      title: "Invalid input",
      status: 400,
      detail: error.message,
      errors: error.issues,
    };
  if (error instanceof NotFoundError)
    return { type: problemType("not-found"), title: "Not found", status: 404, detail: error.message };
  if (error instanceof ConflictError)
    return { type: problemType("conflict"), title: "Conflict", status: 409, detail: error.message };
  if (error instanceof NotAllowedError)
    return { type: problemType("forbidden"), title: "Forbidden", status: 403, detail: error.message };
  if (error instanceof UnauthenticatedError)
    return {
      type: problemType("unauthenticated"),
      title: "Unauthenticated",
      status: 401,
      detail: error.message,
    };
  if (error instanceof RateLimitedError)
    return {
      type: problemType("rate-limited"),
      title: "Too many requests",
      status: 429,
      detail: error.message,
    };
  if (error instanceof UnavailableError)
    return {
      type: problemType("unavailable"),
      title: "Service unavailable",
      status: 503,
      detail: error.message,
    };
  return { type: problemType("domain"), title: "Request refused", status: 422, detail: error.message };
}

/** Fastify's own client errors (bad JSON, too large, wrong media type) keep their status with a clear title. */
const fastifyClientErrors: Record<string, { slug: string; title: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { slug: "body-too-large", title: "Request body too large" },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { slug: "unsupported-media-type", title: "Unsupported media type" },
  FST_ERR_CTP_EMPTY_JSON_BODY: { slug: "invalid-json", title: "Empty JSON body" },
  FST_ERR_CTP_INVALID_JSON_BODY: { slug: "invalid-json", title: "Malformed JSON body" },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { slug: "invalid-content-length", title: "Invalid Content-Length" },
};

/** The one error handler: domain errors, validation errors and Fastify errors become problem+json. */
export function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof DomainError) {
    if (error instanceof RateLimitedError || error instanceof UnavailableError) {
      void reply.header("retry-after", String(error.retryAfterSeconds));
    }
    return sendProblem(reply, request, fromDomain(error));
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = error.validationContext ?? "request";
    const errors = error.validation.map((v) => {
      const path = [where, ...v.instancePath.split("/").filter(Boolean)].join(".");
      const params = v.params as { issue?: { keys?: string[] } };
      const keys = params.issue?.keys ? `: ${params.issue.keys.join(", ")}` : "";
      return { path, message: `${v.message ?? "is invalid"}${keys}` };
    });
    return sendProblem(reply, request, {
      type: problemType("invalid-input"),
      title: "Invalid input",
      status: 400,
      detail: errors.map((e) => `${e.path}: ${e.message}`).join("; "),
      errors,
    });
  }
  const known = error.code ? fastifyClientErrors[error.code] : undefined;
  const status = error.statusCode ?? 500;
  if (known || (status >= 400 && status < 500)) {
    return sendProblem(reply, request, {
      type: problemType(known?.slug ?? "bad-request"),
      title: known?.title ?? "Bad request",
      status: status >= 400 && status < 500 ? status : 400,
      detail: error.message,
    });
  }
  request.log.error({ err: error }, "unhandled error");
  return sendProblem(reply, request, {
    type: problemType("internal"),
    title: "Internal error",
    status: 500,
    detail: "an unexpected error occurred; the request id identifies it in the server log",
  });
}
