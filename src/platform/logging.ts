import type { FastifyServerOptions } from "fastify";

/** Paths pino must never print: credentials in headers and bodies. */
export const redactedPaths = [
  "req.headers.authorization",
  "req.headers.cookie",
  'res.headers["set-cookie"]',
  "*.password",
  "*.token",
  "*.sessionToken",
];

/**
 * URLs that carry a secret in their path (calendar feeds, setup links). The request log keeps the route
 * but not the secret, whatever level a route logs at.
 */
const secretPathSegments = [/^(\/api\/v1\/calendars\/)[^/?]+/, /^(\/setup\?token=)[^&]+/];

export function redactUrl(url: string): string {
  return secretPathSegments.reduce((u, pattern) => u.replace(pattern, "$1[redacted]"), url);
}

interface LoggedRequest {
  method: string;
  url: string;
  hostname?: string;
  ip?: string;
  socket?: { remotePort?: number };
}

/** `stream` lets tests read what would be logged, to prove secrets never are. */
export function loggerOptions(
  level: string,
  stream?: { write(line: string): void },
): FastifyServerOptions["logger"] {
  return {
    level,
    redact: { paths: redactedPaths, censor: "[redacted]" },
    serializers: {
      req: (req: LoggedRequest) => ({
        method: req.method,
        url: redactUrl(req.url),
        host: req.hostname,
        remoteAddress: req.ip,
        remotePort: req.socket?.remotePort,
      }),
    },
    ...(stream ? { stream } : {}),
  };
}
