import type { NamedMigration } from "../db/migrations.ts";

export const auditMigrations: NamedMigration[] = [
  {
    name: "202611220101_platform_audit",
    async up(db) {
      await db.schema
        .createTable("audit_log")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("at", "text", (c) => c.notNull())
        .addColumn("actor_type", "text", (c) => c.notNull())
        .addColumn("actor_id", "text")
        .addColumn("actor_label", "text", (c) => c.notNull())
        .addColumn("action", "text", (c) => c.notNull())
        .addColumn("entity_type", "text", (c) => c.notNull())
        .addColumn("entity_id", "text", (c) => c.notNull())
        .addColumn("before_json", "text")
        .addColumn("after_json", "text")
        .addColumn("request_id", "text")
        .execute();
      await db.schema.createIndex("audit_log_at").on("audit_log").column("at").execute();
      await db.schema
        .createIndex("audit_log_entity")
        .on("audit_log")
        .columns(["entity_type", "entity_id"])
        .execute();
      await db.schema.createIndex("audit_log_actor").on("audit_log").column("actor_id").execute();
    },
  },
];
