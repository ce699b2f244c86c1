import { sql } from "kysely";
import type { NamedMigration } from "../db/migrations.ts";

export const jobMigrations: NamedMigration[] = [
  {
    name: "202611220103_platform_jobs",
    async up(db) {
      await db.schema
        .createTable("jobs")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("type", "text", (c) => c.notNull())
        .addColumn("payload", "text", (c) => c.notNull())
        .addColumn("key", "text", (c) => c.unique())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("due_at", "text", (c) => c.notNull())
        .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("max_attempts", "integer", (c) => c.notNull())
        .addColumn("lease_owner", "text")
        .addColumn("lease_until", "text")
        .addColumn("last_error", "text")
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .addColumn("finished_at", "text")
        .execute();
      // Partial: done jobs pile up, and the claim query only ever looks at pending ones, in this order.
      await db.schema
        .createIndex("jobs_pending_due")
        .on("jobs")
        .columns(["due_at", "id"])
        .where(sql.ref("status"), "=", "pending")
        .execute();
      await db.schema.createIndex("jobs_status").on("jobs").column("status").execute();
    },
  },
];
