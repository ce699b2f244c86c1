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

/** `stream` lets tests read what would be logged, to prove secrets never are. */
export function loggerOptions(
  level: string,
  stream?: { write(line: string): void },
): FastifyServerOptions["logger"] {
  return { level, redact: { paths: redactedPaths, censor: "[redacted]" }, ...(stream ? { stream } : {}) };
}
