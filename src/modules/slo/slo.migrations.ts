import type { NamedMigration } from "../../platform/db/migrations.ts";

export const sloMigrations: NamedMigration[] = [
  {
    name: "202612010100_slo",
    async up(db) {
      await db.schema
        .createTable("slos")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("name", "text", (c) => c.notNull().unique())
        .addColumn("service", "text", (c) => c.notNull())
        .addColumn("source", "text", (c) => c.notNull())
        .addColumn("spec_json", "text", (c) => c.notNull())
        .addColumn("last_pushed_minute", "text")
        .addColumn("page_since", "text")
        .addColumn("ticket_since", "text")
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("slos_service").on("slos").column("service").execute();
      await db.schema
        .createTable("slo_minute_blocks")
        .addColumn("slo_id", "text", (c) => c.notNull().references("slos.id").onDelete("cascade"))
        .addColumn("hour", "text", (c) => c.notNull())
        .addColumn("minutes_json", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("slo_minute_blocks_pk", ["slo_id", "hour"])
        .execute();
      await db.schema
        .createTable("slo_days")
        .addColumn("slo_id", "text", (c) => c.notNull().references("slos.id").onDelete("cascade"))
        .addColumn("day", "text", (c) => c.notNull())
        .addColumn("good", "bigint", (c) => c.notNull())
        .addColumn("total", "bigint", (c) => c.notNull())
        .addColumn("good_slices", "double precision", (c) => c.notNull())
        .addColumn("slices", "integer", (c) => c.notNull())
        .addColumn("hours_json", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("slo_days_pk", ["slo_id", "day"])
        .execute();
      await db.schema
        .createTable("slo_alerts")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("slo_id", "text", (c) => c.notNull().references("slos.id").onDelete("cascade"))
        .addColumn("at", "text", (c) => c.notNull())
        .addColumn("severity", "text", (c) => c.notNull())
        .addColumn("state", "text", (c) => c.notNull())
        .addColumn("burn_long", "double precision", (c) => c.notNull())
        .addColumn("burn_short", "double precision", (c) => c.notNull())
        .addColumn("windows_json", "text", (c) => c.notNull())
        .addColumn("alert_id", "text")
        .addColumn("note", "text")
        .execute();
      await db.schema
        .createTable("slo_openslo_objects")
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("api_version", "text", (c) => c.notNull())
        .addColumn("spec_json", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("slo_openslo_objects_pk", ["kind", "name"])
        .execute();
      await db.schema.createIndex("slo_alerts_slo_at").on("slo_alerts").columns(["slo_id", "at"]).execute();
    },
  },
];
