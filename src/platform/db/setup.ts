import type { Config } from "../config/config.ts";
import { type Database, openDatabase } from "./database.ts";
import { migrateToLatest } from "./migrations.ts";

/** Opens the configured database and brings its schema up to date: what `serve` and every CLI command do first. */
export async function openMigratedDatabase(
  config: Config,
  options: { server?: boolean } = {},
): Promise<{ db: Database; applied: string[] }> {
  // Loaded at call time: the registry imports every module, and modules import the CLI plumbing that
  // imports this file, so a static import would be a cycle that breaks whichever side loads first.
  const { allMigrations } = await import("../../modules/registry.ts");
  const db = openDatabase(config.databaseUrl, {
    sqliteSynchronous: config.sqliteSynchronous,
    pgPoolSize: config.pgPoolSize,
    sqliteCheckpointThread: options.server ?? false,
  });
  try {
    const applied = await migrateToLatest(db, allMigrations());
    return { db, applied };
  } catch (error) {
    await db.close();
    throw error;
  }
}
