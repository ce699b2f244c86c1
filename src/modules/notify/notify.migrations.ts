import type { NamedMigration } from "../../platform/db/migrations.ts";

export const notifyMigrations: NamedMigration[] = [
  {
    name: "202611240400_notify",
    async up(db) {
      await db.schema
        .createTable("notify_contact_methods")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("user_name", "text", (c) => c.notNull())
        .addColumn("type", "text", (c) => c.notNull())
        .addColumn("label", "text", (c) => c.notNull())
        .addColumn("target", "text", (c) => c.notNull())
        .addColumn("secret", "text")
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("last_delivery_at", "text")
        .execute();
      await db.schema
        .createIndex("notify_contact_methods_user")
        .on("notify_contact_methods")
        .column("user_name")
        .execute();
      await db.schema
        .createTable("notify_rules")
        .addColumn("contact_method_id", "text", (c) =>
          c.notNull().references("notify_contact_methods.id").onDelete("cascade"),
        )
        .addColumn("user_name", "text", (c) => c.notNull())
        .addColumn("delay_minutes", "integer", (c) => c.notNull())
        .addPrimaryKeyConstraint("notify_rules_pk", ["contact_method_id", "delay_minutes"])
        .execute();
      await db.schema.createIndex("notify_rules_user").on("notify_rules").column("user_name").execute();
      await db.schema
        .createTable("notify_messages")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("subject", "text", (c) => c.notNull())
        .addColumn("user_name", "text", (c) => c.notNull())
        .addColumn("contact_method_id", "text", (c) => c.notNull())
        .addColumn("channel", "text", (c) => c.notNull())
        .addColumn("title", "text", (c) => c.notNull())
        .addColumn("body", "text", (c) => c.notNull())
        .addColumn("link", "text")
        .addColumn("state", "text", (c) => c.notNull())
        .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("last_error", "text")
        .addColumn("plan_key", "text", (c) => c.notNull())
        .addColumn("dedup_key", "text", (c) => c.notNull().unique())
        .addColumn("due_at", "text", (c) => c.notNull())
        .addColumn("attempt_token", "text")
        .addColumn("attempt_started_at", "text")
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .addColumn("sent_at", "text")
        .execute();
      // Timelines (by subject), a user's log, the rate-limit window per method, and replanning checks.
      await db.schema
        .createIndex("notify_messages_subject")
        .on("notify_messages")
        .columns(["subject", "id"])
        .execute();
      await db.schema
        .createIndex("notify_messages_user")
        .on("notify_messages")
        .columns(["user_name", "id"])
        .execute();
      await db.schema
        .createIndex("notify_messages_method_started")
        .on("notify_messages")
        .columns(["contact_method_id", "attempt_started_at"])
        .execute();
      await db.schema.createIndex("notify_messages_plan").on("notify_messages").column("plan_key").execute();
    },
  },
];
