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

export function loggerOptions(level: string): FastifyServerOptions["logger"] {
  return { level, redact: { paths: redactedPaths, censor: "[redacted]" } };
}
