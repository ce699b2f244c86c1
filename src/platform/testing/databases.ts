import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { allMigrations } from "../../modules/registry.ts";
import { isCi, testDatabaseUrl } from "../config/config.ts";
import { type Database, openDatabase } from "../db/database.ts";
import { migrateToLatest } from "../db/migrations.ts";

/** A fresh, empty, migrated database of one engine, and how to throw it away. */
export interface TestDatabase {
  engine: "sqlite" | "postgres";
  url: string;
  db: Database;
  drop(): Promise<void>;
}

export interface Engine {
  name: "sqlite" | "postgres";
  /** Creates an empty database (migrated unless `migrate: false`). */
  create(options?: { migrate?: boolean }): Promise<TestDatabase>;
}

let warned = false;

/**
 * The engines every data test runs on: SQLite always, PostgreSQL when OPSDECK_TEST_DATABASE_URL is set.
 * In CI a missing PostgreSQL is an error, not a skip; locally the skip is announced on stderr.
 */
export function testEngines(): Engine[] {
  const engines: Engine[] = [{ name: "sqlite", create: createSqlite }];
  const pgUrl = testDatabaseUrl();
  if (pgUrl) engines.push({ name: "postgres", create: (o) => createPostgres(pgUrl, o) });
  else if (isCi())
    throw new Error(
      "CI=true but OPSDECK_TEST_DATABASE_URL is not set: the PostgreSQL half cannot be skipped",
    );
  else if (!warned) {
    warned = true;
    process.stderr.write(
      "\n*** OPSDECK_TEST_DATABASE_URL is not set: the PostgreSQL half of the tests is SKIPPED ***\n\n",
    );
  }
  return engines;
}

async function createSqlite(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), "opsdeck-test-"));
  const url = `sqlite:${join(dir, "test.db")}`;
  const db = openDatabase(url);
  if (options.migrate !== false) await migrateToLatest(db, allMigrations());
  return {
    engine: "sqlite",
    url,
    db,
    async drop() {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function createPostgres(baseUrl: string, options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const name = `opsdeck_t_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  const db = openDatabase(url.toString(), { pgPoolSize: 5 });
  if (options.migrate !== false) await migrateToLatest(db, allMigrations());
  return {
    engine: "postgres",
    url: url.toString(),
    db,
    async drop() {
      await db.close();
      const c = new pg.Client({ connectionString: baseUrl });
      await c.connect();
      try {
        await c.query(`drop database if exists ${name} with (force)`);
      } finally {
        await c.end();
      }
    },
  };
}
