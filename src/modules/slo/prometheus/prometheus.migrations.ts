import type { NamedMigration } from "../../../platform/db/migrations.ts";

export const prometheusMigrations: NamedMigration[] = [
  {
    // Keyed by the SLO's id without a foreign key, so this migration does not depend on the order in
    // which the module lists its migrations; a deleted SLO's row is simply never joined again.
    name: "202612010110_slo_prometheus",
    async up(db) {
      await db.schema
        .createTable("slo_prometheus_state")
        .addColumn("slo_id", "text", (c) => c.primaryKey())
        .addColumn("evaluated_through", "text")
        .addColumn("last_success_at", "text")
        .addColumn("last_error_field", "text")
        .addColumn("last_error", "text")
        .addColumn("last_error_at", "text")
        .execute();
    },
  },
];
