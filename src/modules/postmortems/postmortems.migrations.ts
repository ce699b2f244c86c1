import type { NamedMigration } from "../../platform/db/migrations.ts";

export const postmortemMigrations: NamedMigration[] = [
  {
    name: "202612010800_postmortems",
    async up(db) {
      await db.schema
        .createTable("postmortems")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("incident_id", "text", (c) => c.notNull().unique().references("incidents.id"))
        .addColumn("title", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("sections_json", "text", (c) => c.notNull())
        .addColumn("created_by", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .addColumn("submitted_at", "text")
        .addColumn("published_at", "text")
        .addColumn("published_by", "text")
        .execute();
      await db.schema.createIndex("postmortems_status").on("postmortems").column("status").execute();
      await db.schema
        .createTable("postmortem_reviewers")
        .addColumn("postmortem_id", "text", (c) =>
          c.notNull().references("postmortems.id").onDelete("cascade"),
        )
        .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
        .addColumn("decision", "text", (c) => c.notNull())
        .addColumn("comment", "text", (c) => c.notNull())
        .addColumn("decided_at", "text")
        .addPrimaryKeyConstraint("postmortem_reviewers_pk", ["postmortem_id", "user_id"])
        .execute();
      await db.schema
        .createTable("action_items")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("postmortem_id", "text", (c) =>
          c.notNull().references("postmortems.id").onDelete("cascade"),
        )
        .addColumn("incident_id", "text", (c) => c.notNull())
        .addColumn("position", "integer", (c) => c.notNull())
        .addColumn("title", "text", (c) => c.notNull())
        .addColumn("owner_user_id", "text", (c) => c.references("users.id").onDelete("set null"))
        .addColumn("owner_team", "text")
        .addColumn("due_date", "text")
        .addColumn("priority", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("external_url", "text")
        .addColumn("completed_at", "text")
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("action_items_postmortem")
        .on("action_items")
        .column("postmortem_id")
        .execute();
      await db.schema
        .createIndex("action_items_open_due")
        .on("action_items")
        .columns(["status", "due_date"])
        .execute();
      await db.schema
        .createTable("runbooks")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("name", "text", (c) => c.notNull().unique())
        .addColumn("services_json", "text", (c) => c.notNull())
        .addColumn("match_json", "text", (c) => c.notNull())
        .addColumn("current_version", "integer", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("runbook_versions")
        .addColumn("runbook_id", "text", (c) => c.notNull().references("runbooks.id").onDelete("cascade"))
        .addColumn("version", "integer", (c) => c.notNull())
        .addColumn("title", "text", (c) => c.notNull())
        .addColumn("body", "text", (c) => c.notNull())
        .addColumn("author", "text", (c) => c.notNull())
        .addColumn("message", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("runbook_versions_pk", ["runbook_id", "version"])
        .execute();
    },
  },
];
