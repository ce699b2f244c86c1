import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { FastifyBaseLogger, FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { Kysely } from "kysely";
import type { Registry } from "prom-client";
import type { CliCommand } from "./cli.ts";
import type { Clock } from "./clock.ts";
import type { Config } from "./config/config.ts";
import type { ActionContext } from "./context.ts";
import type { Database } from "./db/database.ts";
import type { NamedMigration } from "./db/migrations.ts";
import type { Tables } from "./db/tables.ts";
import type { EventSubscriber } from "./events/index.ts";
import type { JobHandler, RetentionRule } from "./jobs/index.ts";
import type { DocumentTranslator, KindHandler } from "./manifests/kinds.ts";

/** The Fastify instance modules register routes on: zod schemas give types, validation and OpenAPI. */
export type ZodApp = FastifyInstance<
  Server,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  ZodTypeProvider
>;

export interface AppDeps {
  db: Database;
  config: Config;
  clock: Clock;
}

/**
 * What a module contributes. The app, the CLI, `opsdeck apply` and `opsdeck demo` all read the one list in
 * `src/modules/registry.ts`, so adding a module is adding it there.
 */
export interface OpsdeckModule {
  name: string;
  migrations: NamedMigration[];
  routes?: (app: ZodApp, deps: AppDeps) => void;
  kinds?: KindHandler[];
  /** Foreign document formats this module understands, by apiVersion (e.g. Backstage's). */
  translators?: Record<string, DocumentTranslator>;
  commands?: CliCommand[];
  /** Background job handlers by job type, built from the server's deps (see platform/jobs/jobs.ts). */
  jobHandlers?: (deps: AppDeps) => Record<string, JobHandler>;
  /**
   * Enqueues the module's periodic jobs (keyed by their next slot, so every instance enqueueing them adds
   * one job); `serve` calls it when its job worker starts, and each run enqueues the next.
   */
  startPeriodicJobs?: (trx: Kysely<Tables>, deps: AppDeps) => Promise<void>;
  /** Rows this module forgets after a while; the platform's hourly retention job deletes them. */
  retention?: RetentionRule[];
  /** Adds this module's gauges or counters to the `/metrics` registry. */
  metrics?: (registry: Registry, deps: AppDeps) => void;
  /** Reactions to domain events (see platform/events): each runs as its own durable job. */
  eventSubscribers?: (deps: AppDeps) => EventSubscriber[];
  /** Adds this module's part of the demo organisation; runs in registry order. */
  seedDemo?: (db: Database, ctx: ActionContext) => Promise<void>;
}
