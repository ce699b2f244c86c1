import type { NamedMigration } from "../../platform/db/migrations.ts";

export const incidentMigrations: NamedMigration[] = [
  {
    name: "202611220400_incidents",
    async up(db) {
      await db.schema
        .createTable("incidents")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("number", "integer", (c) => c.notNull().unique())
        .addColumn("title", "text", (c) => c.notNull())
        .addColumn("summary", "text", (c) => c.notNull())
        .addColumn("severity", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("service", "text")
        .addColumn("group_key", "text")
        .addColumn("open_group_key", "text", (c) => c.unique())
        .addColumn("alert_count", "integer", (c) => c.notNull())
        .addColumn("open_alert_count", "integer", (c) => c.notNull())
        .addColumn("timeline_seq", "integer", (c) => c.notNull())
        .addColumn("merged_into", "text")
        .addColumn("source", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("acknowledged_at", "text")
        .addColumn("resolved_at", "text")
        .addColumn("updated_at", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("incidents_created").on("incidents").column("created_at").execute();
      await db.schema
        .createIndex("incidents_status_created")
        .on("incidents")
        .columns(["status", "created_at"])
        .execute();
      await db.schema
        .createTable("incident_services")
        .addColumn("incident_id", "text", (c) => c.notNull().references("incidents.id").onDelete("cascade"))
        .addColumn("service", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("incident_services_pk", ["incident_id", "service"])
        .execute();
      await db.schema
        .createIndex("incident_services_service")
        .on("incident_services")
        .columns(["service", "incident_id"])
        .execute();
      await db.schema
        .createTable("incident_roles")
        .addColumn("incident_id", "text", (c) => c.notNull().references("incidents.id").onDelete("cascade"))
        .addColumn("role", "text", (c) => c.notNull())
        .addColumn("user_name", "text", (c) => c.notNull())
        .addColumn("assigned_at", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("incident_roles_pk", ["incident_id", "role"])
        .execute();
      await db.schema
        .createTable("incident_timeline")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("incident_id", "text", (c) => c.notNull().references("incidents.id").onDelete("cascade"))
        .addColumn("seq", "integer", (c) => c.notNull())
        .addColumn("at", "text", (c) => c.notNull())
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("actor", "text", (c) => c.notNull())
        .addColumn("text", "text", (c) => c.notNull())
        .addColumn("data_json", "text", (c) => c.notNull())
        .addUniqueConstraint("incident_timeline_seq", ["incident_id", "seq"])
        .execute();
      await db.schema
        .createTable("incident_links")
        .addColumn("incident_id", "text", (c) => c.notNull().references("incidents.id").onDelete("cascade"))
        .addColumn("url", "text", (c) => c.notNull())
        .addColumn("title", "text", (c) => c.notNull())
        .addColumn("source", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("incident_links_pk", ["incident_id", "url"])
        .execute();
      await db.schema
        .createTable("incident_counters")
        .addColumn("name", "text", (c) => c.primaryKey())
        .addColumn("value", "integer", (c) => c.notNull())
        .execute();
      await db
        .insertInto("incident_counters" as never)
        .values({ name: "incident", value: 0 } as never)
        .execute();
      await db.schema
        .createTable("incident_policies")
        .addColumn("service", "text", (c) => c.primaryKey())
        .addColumn("auto_resolve", "integer", (c) => c.notNull())
        .addColumn("spec_json", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .execute();
    },
  },
];
