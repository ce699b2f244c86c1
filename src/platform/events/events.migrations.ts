import type { NamedMigration } from "../db/migrations.ts";

export const eventMigrations: NamedMigration[] = [
  {
    name: "202611220104_platform_domain_events",
    async up(db) {
      await db.schema
        .createTable("domain_events")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("type", "text", (c) => c.notNull())
        .addColumn("subject", "text", (c) => c.notNull())
        .addColumn("payload", "text", (c) => c.notNull())
        .addColumn("at", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("domain_events_at").on("domain_events").column("at").execute();
      await db.schema
        .createIndex("domain_events_subject")
        .on("domain_events")
        .columns(["subject", "at"])
        .execute();
    },
  },
];
