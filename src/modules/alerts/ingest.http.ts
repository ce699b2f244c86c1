import { isUtf8 } from "node:buffer";
import type { FastifyReply, FastifyRequest } from "fastify";
import { InputError } from "../../platform/errors.ts";
import { noteRawBody } from "../../platform/http/nul-characters.ts";
import { sendProblem } from "../../platform/http/problem.ts";
import type { AppDeps } from "../../platform/modules.ts";
import type { IngestBatcher } from "./ingest.batcher.ts";
import type { IntegrationType } from "./integrations.schema.ts";
import { intakeUrl, integrationForKey } from "./integrations.service.ts";
import type { CompiledIntegration } from "./routing.ts";

/** Intake bodies above 1 MiB get 413, whatever the server-wide limit is. */
export const intakeBodyLimit = 1024 * 1024;

/** The integration each intake request authenticated as (set by `keyAuth`, read by the handler). */
const authenticated = new WeakMap<FastifyRequest, CompiledIntegration>();

/**
 * Intake bodies are JSON whatever Content-Type the sender set (scripts often send none or text/plain).
 * Bytes that are not UTF-8 are refused instead of being decoded into replacement characters, and a
 * `__proto__` key is dropped so no payload can reach an object's prototype.
 */
export function parseIntakeBody(
  request: FastifyRequest,
  body: Buffer,
  done: (err: Error | null, body?: unknown) => void,
) {
  if (!isUtf8(body)) return done(new InputError("the body is not valid UTF-8"));
  noteRawBody(request, body);
  const text = body.toString("utf8");
  try {
    const value = body.includes('"__proto__"')
      ? JSON.parse(text, (k, v) => (k === "__proto__" ? undefined : v))
      : JSON.parse(text);
    done(null, value);
  } catch (error) {
    const e = new Error(`malformed JSON: ${(error as Error).message}`) as Error & {
      statusCode: number;
      code: string;
    };
    e.statusCode = 400;
    e.code = "FST_ERR_CTP_INVALID_JSON_BODY";
    done(e);
  }
}

export function unauthorized(request: FastifyRequest, reply: FastifyReply) {
  return sendProblem(reply, request, {
    type: "urn:opsdeck:problem:unauthenticated",
    title: "Unauthenticated",
    status: 401,
    detail: "send the integration's key as Authorization: Bearer KEY",
  });
}

/**
 * The intake routes' own authentication (their permission is `custom: integration key`), run before the body
 * is read: a wrong key gets 401 without its payload being parsed. Under overload the request is refused here
 * too, with 503 and Retry-After, before any work is spent on it. `bodyKey` routes (PagerDuty) may carry the
 * key in the body's routing_key instead, checked once the body is parsed.
 */
export function keyAuth(
  deps: AppDeps,
  batcher: IngestBatcher,
  /** `matchName: false` for routes whose `:name` is not the integration's (heartbeats). */
  options: { bodyKey?: boolean; matchName?: boolean } = {},
) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (batcher.pending >= deps.config.ingestMaxPending) {
      void reply.header("retry-after", "1");
      return sendProblem(reply, request, {
        type: "urn:opsdeck:problem:unavailable",
        title: "Service unavailable",
        status: 503,
        detail: "opsdeck is taking in alerts as fast as it can; retry shortly",
      });
    }
    const header = request.headers.authorization;
    if (header === undefined && options.bodyKey) return;
    const m = typeof header === "string" ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    const integration = m?.[1] ? await integrationForKey(deps.db, deps.clock, m[1]) : null;
    const name =
      options.matchName === false ? undefined : (request.params as { name?: string } | undefined)?.name;
    if (!integration || (name !== undefined && integration.name !== name))
      return unauthorized(request, reply);
    authenticated.set(request, integration);
  };
}

/** The authenticated integration, checked to be of a type this route receives. */
export function integrationOf(
  request: FastifyRequest,
  baseUrl: string,
  types: IntegrationType[],
): CompiledIntegration {
  const integration = authenticated.get(request);
  if (!integration) throw new Error("intake route reached without an authenticated integration");
  if (!types.includes(integration.type))
    throw new InputError(
      `integration '${integration.name}' receives ${integration.type} payloads at ${intakeUrl(baseUrl, integration.name, integration.type)}`,
    );
  return integration;
}

/** For routes that take the key from the body: remembers the integration it named. */
export function authenticateAs(request: FastifyRequest, integration: CompiledIntegration): void {
  authenticated.set(request, integration);
}

export function isAuthenticated(request: FastifyRequest): boolean {
  return authenticated.has(request);
}
