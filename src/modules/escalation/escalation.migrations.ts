import type { NamedMigration } from "../../platform/db/migrations.ts";

export const escalationMigrations: NamedMigration[] = [
  {
    name: "202611260600_escalation",
    async up(db) {
      await db.schema
        .createTable("escalation_policies")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("name", "text", (c) => c.notNull().unique())
        .addColumn("default_key", "text", (c) => c.unique())
        .addColumn("spec_json", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("escalation_services")
        .addColumn("service", "text", (c) => c.primaryKey())
        .addColumn("policy_id", "text", (c) =>
          c.notNull().references("escalation_policies.id").onDelete("cascade"),
        )
        .execute();
      await db.schema
        .createIndex("escalation_services_policy")
        .on("escalation_services")
        .column("policy_id")
        .execute();
      await db.schema
        .createTable("escalation_states")
        .addColumn("incident_id", "text", (c) => c.primaryKey())
        .addColumn("policy", "text")
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("reason", "text")
        .addColumn("cycle", "integer", (c) => c.notNull())
        .addColumn("level", "integer", (c) => c.notNull())
        .addColumn("repeat", "integer", (c) => c.notNull())
        .addColumn("next_due_at", "text")
        .addColumn("trigger_event", "text", (c) => c.notNull())
        .addColumn("triggered_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .execute();
      // The auditor counts active escalations to decide whether to keep auditing.
      await db.schema
        .createIndex("escalation_states_status")
        .on("escalation_states")
        .column("status")
        .execute();
      await db.schema
        .createTable("escalation_steps")
        .addColumn("key", "text", (c) => c.primaryKey())
        .addColumn("incident_id", "text", (c) => c.notNull())
        .addColumn("cycle", "integer", (c) => c.notNull())
        .addColumn("level", "integer", (c) => c.notNull())
        .addColumn("repeat", "integer", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("due_at", "text", (c) => c.notNull())
        .addColumn("done_at", "text")
        .addColumn("users_json", "text", (c) => c.notNull())
        .addColumn("messages", "integer", (c) => c.notNull())
        .addColumn("notes_json", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("escalation_steps_incident")
        .on("escalation_steps")
        .columns(["incident_id", "due_at"])
        .execute();
      // The auditor's question: pending steps due before an instant.
      await db.schema
        .createIndex("escalation_steps_status_due")
        .on("escalation_steps")
        .columns(["status", "due_at"])
        .execute();
    },
  },
];
