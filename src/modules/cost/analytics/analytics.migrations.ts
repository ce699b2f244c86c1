import type { NamedMigration } from "../../../platform/db/migrations.ts";

export const costAnalyticsMigrations: NamedMigration[] = [
  {
    name: "202612010800_cost_analytics",
    async up(db) {
      await db.schema
        .createTable("cost_budgets")
        .addColumn("name", "text", (c) => c.primaryKey())
        .addColumn("spec_json", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("cost_anomaly_policies")
        .addColumn("name", "text", (c) => c.primaryKey())
        .addColumn("spec_json", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("cost_anomalies")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("day", "text", (c) => c.notNull())
        .addColumn("dimension", "text", (c) => c.notNull())
        .addColumn("key", "text", (c) => c.notNull())
        .addColumn("currency", "text", (c) => c.notNull())
        .addColumn("actual", "text", (c) => c.notNull())
        .addColumn("expected", "text", (c) => c.notNull())
        .addColumn("impact", "text", (c) => c.notNull())
        .addColumn("deviation", "double precision", (c) => c.notNull())
        .addColumn("method", "text", (c) => c.notNull())
        .addColumn("drivers_json", "text", (c) => c.notNull())
        .addColumn("alert_id", "text")
        .addColumn("detected_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("cost_anomalies_series_day")
        .on("cost_anomalies")
        .columns(["dimension", "key", "currency", "day"])
        .unique()
        .execute();
      await db.schema.createIndex("cost_anomalies_day").on("cost_anomalies").column("day").execute();
      await db.schema
        .createTable("cost_budget_alerts")
        .addColumn("fingerprint", "text", (c) => c.primaryKey())
        .addColumn("budget", "text", (c) => c.notNull())
        .addColumn("period", "text", (c) => c.notNull())
        .addColumn("integration", "text", (c) => c.notNull())
        .addColumn("alert_id", "text")
        .addColumn("state", "text", (c) => c.notNull())
        .addColumn("raised_at", "text", (c) => c.notNull())
        .addColumn("resolved_at", "text")
        .execute();
    },
  },
];
