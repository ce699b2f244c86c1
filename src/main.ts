import type { AddressInfo } from "node:net";
import { buildServer } from "./app.ts";
import { issueSetupToken } from "./platform/auth/index.ts";
import { systemClock } from "./platform/clock.ts";
import type { Config } from "./platform/config/config.ts";
import { openMigratedDatabase } from "./platform/db/setup.ts";

/** How long in-flight requests may take to finish after SIGTERM before the process exits anyway. */
const shutdownGraceMs = 9_000;

/**
 * config -> database (migrated) -> app -> listen. On SIGTERM/SIGINT: new requests get 503, in-flight
 * ones finish, the database closes, and the process exits within 10 s whatever happens.
 */
export async function serve(config: Config): Promise<void> {
  const started = performance.now();
  const { db, applied } = await openMigratedDatabase(config);
  const { app, drain } = await buildServer({ db, config, clock: systemClock });
  if (applied.length > 0) app.log.info({ migrations: applied }, "database migrated");
  await app.listen({ host: config.host, port: config.port });
  const address = app.server.address() as AddressInfo;
  app.log.info(
    { url: config.baseUrl, port: address.port, startupMs: Math.round(performance.now() - started) },
    "opsdeck is listening",
  );

  const setupToken = await issueSetupToken(db, systemClock);
  if (setupToken) {
    // Printed to the terminal, never to the log stream: it is a one-time credential.
    process.stderr.write(
      `\nNo admin exists yet. Open this one-time link to create the first admin:\n  ${config.baseUrl}/setup?token=${setupToken}\n(or run: opsdeck user create --email E --role admin --password-stdin)\n\n`,
    );
  }

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
    drain()
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
}
