import type { AddressInfo } from "node:net";
import { buildServer } from "./app.ts";
import { eventSubscribers, modules } from "./modules/registry.ts";
import { issueSetupToken } from "./platform/auth/index.ts";
import { systemClock } from "./platform/clock.ts";
import type { Config } from "./platform/config/config.ts";
import { openMigratedDatabase } from "./platform/db/setup.ts";
import { declareSubscribers } from "./platform/events/index.ts";
import { defaultWorkerOwner, mergeJobHandlers, Worker } from "./platform/jobs/index.ts";
import type { AppDeps } from "./platform/modules.ts";

/** How long in-flight requests may take to finish after SIGTERM before the process exits anyway. */
const shutdownGraceMs = 9_000;
/** Long enough for a slow mail or webhook call; a dead instance's jobs wait at most this long. */
const jobLeaseMs = 60_000;
/** Due jobs (escalations) start within about a second. */
const jobPollMs = 1_000;

/**
 * config -> database (migrated) -> app -> listen -> job worker. On SIGTERM/SIGINT: new requests get 503,
 * in-flight requests and running jobs finish, the database closes, and the process exits within 10 s
 * whatever happens.
 */
export async function serve(config: Config): Promise<void> {
  const started = performance.now();
  const { db, applied } = await openMigratedDatabase(config, { server: true });
  const deps: AppDeps = { db, config, clock: systemClock };
  // Dispatch jobs only for event types some subscriber takes (platform/events).
  declareSubscribers(eventSubscribers(deps));
  const { app, drain } = await buildServer(deps);
  if (applied.length > 0) app.log.info({ migrations: applied }, "database migrated");
  // Scheduled before listen: no await may come between listen and the signal handlers below.
  await db.write(async (trx) => {
    for (const m of modules) await m.startPeriodicJobs?.(trx, deps);
  });
  await app.listen({ host: config.host, port: config.port });
  const address = app.server.address() as AddressInfo;
  app.log.info(
    { url: config.baseUrl, port: address.port, startupMs: Math.round(performance.now() - started) },
    "opsdeck is listening",
  );
  const worker = new Worker({
    db,
    clock: systemClock,
    handlers: mergeJobHandlers(modules.map((m) => m.jobHandlers?.(deps) ?? {})),
    owner: defaultWorkerOwner(),
    leaseMs: jobLeaseMs,
    pollMs: jobPollMs,
    // Each running job holds a pooled connection: leave half the PostgreSQL pool to HTTP requests.
    batch: Math.max(1, Math.floor(config.pgPoolSize / 2)),
    log: app.log,
  });
  worker.start();
  // Installed with no await between them and listen: /readyz already answers 200, and a SIGTERM
  // arriving before the handlers would kill the process by default, without draining.
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, "shutting down: finishing in-flight requests");
    const force = setTimeout(() => {
      app.log.error("in-flight requests did not finish in time; exiting");
      process.exit(1);
    }, shutdownGraceMs);
    force.unref();
    // Running jobs finish too; one cut off by the deadline is retried elsewhere once its lease expires.
    Promise.all([drain(), worker.stop()])
      .then(() => app.close())
      .then(() => db.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          app.log.error({ err: error }, "error during shutdown");
          process.exit(1);
        },
      );
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));

  const setupToken = await issueSetupToken(db, systemClock);
  if (setupToken) {
    // Printed to the terminal, never to the log stream: it is a one-time credential.
    process.stderr.write(
      `\nNo admin exists yet. Open this one-time link to create the first admin:\n  ${config.baseUrl}/setup?token=${setupToken}\n(or run: opsdeck user create --email E --role admin --password-stdin)\n\n`,
    );
  }
}
