import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import type { Tables } from "../tables.ts";

/** BIGINT columns hold exact scaled integers (money in nano-units): read them as strings, never floats. */
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => v);

export function postgresKysely(url: string, poolSize: number): { db: Kysely<Tables>; pool: pg.Pool } {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle client that loses its server must not crash the process; the next query reconnects.
  pool.on("error", () => {});
  return { db: new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) }), pool };
}
