import type { NamedMigration } from "../../platform/db/migrations.ts";

/**
 * The report schedules, and indexes the KPI queries need on other modules' tables (range scans by
 * creation or sending instant). `incidents(created_at)` exists already (incidents_created).
 */
export const kpiMigrations: NamedMigration[] = [
  {
    name: "202612010900_kpis",
    async up(db) {
      await db.schema
        .createTable("kpi_report_schedules")
        .addColumn("name", "text", (c) => c.primaryKey())
        .addColumn("spec_json", "text", (c) => c.notNull())
        .addColumn("next_run_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .execute();
      // Covers the alert-noise GROUP BY over a range without touching the table rows.
      await db.schema
        .createIndex("kpis_alerts_created_key")
        .on("alerts")
        .columns(["created_at", "integration_id", "fingerprint"])
        .execute();
      await db.schema
        .createIndex("kpis_notify_messages_sent")
        .on("notify_messages")
        .columns(["sent_at"])
        .execute();
    },
  },
];
