import type { FastifyReply, FastifyRequest } from "fastify";
import type { ZodApp } from "../modules.ts";
import { sendProblem } from "./problem.ts";

/**
 * Graceful stop for a server behind a load balancer: once draining, new requests get 503 with
 * `Connection: close` (and /readyz fails, so the balancer stops sending), while requests already in
 * flight run to completion. `idle()` resolves when none is left.
 */
export function registerDrain(app: ZodApp): { start(): void; idle(): Promise<void> } {
  let draining = false;
  let inFlight = 0;
  let wake: (() => void) | undefined;
  const counted = new WeakSet<FastifyRequest>();
  app.addHook("onRequest", async (request: FastifyRequest, reply: FastifyReply) => {
    if (draining) {
      void reply.header("connection", "close").header("retry-after", "5");
      return sendProblem(reply, request, {
        type: "urn:opsdeck:problem:unavailable",
        title: "Service unavailable",
        status: 503,
        detail: "this instance is shutting down; retry on another",
      });
    }
    inFlight++;
    counted.add(request);
  });
  const done = async (request: FastifyRequest) => {
    if (!counted.delete(request)) return;
    inFlight--;
    if (inFlight === 0) wake?.();
  };
  app.addHook("onResponse", done);
  app.addHook("onRequestAbort", done);
  return {
    start() {
      draining = true;
    },
    idle() {
      if (inFlight <= 0) return Promise.resolve();
      return new Promise((resolve) => {
        wake = resolve;
      });
    },
  };
}
