import { type Kysely, type Migration, type MigrationProvider, Migrator } from "kysely";
import type { Database } from "./database.ts";

/**
 * A migration written once for both engines with Kysely's schema builder. Names sort in the order they
 * must run (`YYYYMMDDHHMM_module_what`), whichever module contributes them.
 */
export interface NamedMigration {
  name: string;
  up(db: Kysely<unknown>): Promise<void>;
}

function listProvider(list: NamedMigration[]): MigrationProvider {
  return {
    async getMigrations(): Promise<Record<string, Migration>> {
      const out: Record<string, Migration> = {};
      for (const m of list) out[m.name] = { up: (db) => m.up(db) };
      return out;
    },
  };
}

/** Applies the pending migrations; returns the names applied now. Safe to run from several processes. */
export async function migrateToLatest(db: Database, list: NamedMigration[]): Promise<string[]> {
  const migrator = new Migrator({ db: db.admin, provider: listProvider(list) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}
