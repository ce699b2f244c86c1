import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import { z } from "zod";
import { countJobs } from "../jobs/index.ts";
import type { AppDeps, OpsdeckModule, ZodApp } from "../modules.ts";

/** /healthz (the process answers), /readyz (it can reach its database), /metrics (Prometheus text). */
export function registerObservability(app: ZodApp, deps: AppDeps, modules: OpsdeckModule[]): Registry {
  const registry = new Registry();
  for (const m of modules) m.metrics?.(registry, deps);
  collectDefaultMetrics({ register: registry, prefix: "opsdeck_" });
  const requests = new Counter({
    name: "opsdeck_http_requests_total",
    help: "HTTP requests by route and status",
    labelNames: ["method", "route", "status"],
    registers: [registry],
  });
  const duration = new Histogram({
    name: "opsdeck_http_request_duration_seconds",
    help: "HTTP request duration by route",
    labelNames: ["method", "route"],
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  new Gauge({
    name: "opsdeck_jobs",
    help: "Background jobs by state (running = pending under a live lease)",
    labelNames: ["state"],
    registers: [registry],
    async collect() {
      const counts = await countJobs(deps.db.read, deps.clock.now());
      for (const [state, n] of Object.entries(counts)) this.set({ state }, n);
    },
  });
  new Gauge({
    name: "opsdeck_db_write_queue_depth",
    help: "Write units waiting for the SQLite writer (always 0 on PostgreSQL)",
    registers: [registry],
    collect() {
      this.set(deps.db.writeQueueDepth());
    },
  });
  app.addHook("onResponse", async (request, reply) => {
    const route = request.routeOptions.url ?? "unmatched";
    requests.inc({ method: request.method, route, status: String(reply.statusCode) });
    duration.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });

  const status = z.object({ status: z.string() });
  app.get(
    "/healthz",
    { config: { permission: "public" }, schema: { hide: true, response: { 200: status } } },
    async () => ({
      status: "ok",
    }),
  );
  app.get(
    "/readyz",
    { config: { permission: "public" }, schema: { hide: true, response: { 200: status, 503: status } } },
    async (_request, reply) => {
      try {
        await deps.db.read.selectNoFrom((eb) => eb.val(1).as("one")).execute();
        return { status: "ready" };
      } catch {
        return reply.status(503).send({ status: "database unreachable" });
      }
    },
  );
  app.get(
    "/metrics",
    { config: { permission: "public" }, schema: { hide: true } },
    async (_request, reply) => {
      return reply.type(registry.contentType).send(await registry.metrics());
    },
  );
  return registry;
}
