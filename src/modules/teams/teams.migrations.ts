import type { NamedMigration } from "../../platform/db/migrations.ts";

export const teamMigrations: NamedMigration[] = [
  {
    name: "202611220200_teams",
    async up(db) {
      await db.schema
        .createTable("teams")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("name", "text", (c) => c.notNull().unique())
        .addColumn("display_name", "text", (c) => c.notNull())
        .addColumn("description", "text", (c) => c.notNull())
        .addColumn("email", "text")
        .addColumn("parent", "text")
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("team_members")
        .addColumn("team_id", "text", (c) => c.notNull().references("teams.id").onDelete("cascade"))
        .addColumn("user_name", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("team_members_pk", ["team_id", "user_name"])
        .execute();
      await db.schema.createIndex("team_members_user").on("team_members").column("user_name").execute();
    },
  },
];
