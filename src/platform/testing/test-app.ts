import { type BuildOptions, buildServer } from "../../app.ts";
import { createToken, createUser } from "../auth/index.ts";
import { loadConfig } from "../config/config.ts";
import { type ActionContext, type Role, roles } from "../context.ts";
import type { RouteEntry } from "../http/authenticate.ts";
import type { ZodApp } from "../modules.ts";
import type { Engine, TestDatabase } from "./databases.ts";
import { FakeClock } from "./fake-clock.ts";

export interface TestApp {
  app: ZodApp;
  routeTable: RouteEntry[];
  database: TestDatabase;
  clock: FakeClock;
  /** A bearer token for a user of each role (users `viewer1`, `responder1`, `manager1`, `admin1`). */
  tokens: Record<Role, string>;
  /** Headers for a role, ready for app.inject. */
  as(role: Role): { authorization: string };
  /** The host administrator's context, for calling services directly. */
  system: ActionContext;
  close(): Promise<void>;
}

/** A whole app on a fresh database of `engine`, with one user and token per role. */
export async function startTestApp(
  engine: Engine,
  env: Record<string, string> = {},
  logger: BuildOptions["logger"] = false,
): Promise<TestApp> {
  const database = await engine.create();
  const clock = new FakeClock();
  const config = loadConfig({ OPSDECK_DATABASE_URL: database.url, OPSDECK_WEB_DIR: "web-dist", ...env });
  const { app, routeTable } = await buildServer({ db: database.db, config, clock }, { logger });
  await app.ready();
  const system: ActionContext = { actor: { type: "system", label: "test" }, requestId: null, clock };
  const tokens = {} as Record<Role, string>;
  for (const role of roles) {
    await createUser(database.db, system, {
      name: `${role}1`,
      email: `${role}1@example.com`,
      role,
      password: `${role}-password-123`,
    });
    tokens[role] = (await createToken(database.db, system, { user: `${role}1`, name: "test" })).token;
  }
  return {
    app,
    routeTable,
    database,
    clock,
    tokens,
    as: (role) => ({ authorization: `Bearer ${tokens[role]}` }),
    system,
    async close() {
      await app.close();
      await database.drop();
    },
  };
}
