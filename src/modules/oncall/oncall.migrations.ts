import type { NamedMigration } from "../../platform/db/migrations.ts";

export const oncallMigrations: NamedMigration[] = [
  {
    name: "202611240500_oncall",
    async up(db) {
      await db.schema
        .createTable("oncall_schedules")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("name", "text", (c) => c.notNull().unique())
        .addColumn("team", "text")
        .addColumn("spec_json", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("oncall_schedules_team")
        .on("oncall_schedules")
        .columns(["team", "name"])
        .execute();
      await db.schema
        .createTable("oncall_overrides")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("schedule_id", "text", (c) =>
          c.notNull().references("oncall_schedules.id").onDelete("cascade"),
        )
        .addColumn("user_name", "text", (c) => c.notNull())
        .addColumn("start_at", "text", (c) => c.notNull())
        .addColumn("end_at", "text", (c) => c.notNull())
        .addColumn("reason", "text", (c) => c.notNull())
        .addColumn("source", "text", (c) => c.notNull())
        .addColumn("position", "integer", (c) => c.notNull())
        .addColumn("created_by", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();
      // Shift queries ask for the overrides of one schedule that end after the window starts.
      await db.schema
        .createIndex("oncall_overrides_schedule_end")
        .on("oncall_overrides")
        .columns(["schedule_id", "end_at"])
        .execute();
      await db.schema
        .createIndex("oncall_overrides_user")
        .on("oncall_overrides")
        .column("user_name")
        .execute();
      await db.schema
        .createTable("oncall_feed_tokens")
        .addColumn("token_hash", "text", (c) => c.primaryKey())
        .addColumn("scope", "text", (c) => c.notNull())
        .addColumn("subject", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addUniqueConstraint("oncall_feed_tokens_subject", ["scope", "subject"])
        .execute();
    },
  },
];
