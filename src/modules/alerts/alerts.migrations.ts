import { sql } from "kysely";
import type { NamedMigration } from "../../platform/db/migrations.ts";

export const alertMigrations: NamedMigration[] = [
  {
    name: "202611220410_alerts",
    async up(db) {
      await db.schema
        .createTable("alert_integrations")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("name", "text", (c) => c.notNull().unique())
        .addColumn("type", "text", (c) => c.notNull())
        .addColumn("secret", "text", (c) => c.notNull())
        .addColumn("key_hash", "text", (c) => c.notNull().unique())
        .addColumn("spec_json", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("alerts")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("integration_id", "text", (c) => c.notNull())
        .addColumn("fingerprint", "text", (c) => c.notNull())
        .addColumn("open_key", "text", (c) => c.unique())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("title", "text", (c) => c.notNull())
        .addColumn("description", "text", (c) => c.notNull())
        .addColumn("severity", "text", (c) => c.notNull())
        .addColumn("service", "text", (c) => c.notNull())
        .addColumn("group_key", "text", (c) => c.notNull())
        .addColumn("labels_json", "text", (c) => c.notNull())
        .addColumn("annotations_json", "text", (c) => c.notNull())
        .addColumn("links_json", "text", (c) => c.notNull())
        .addColumn("source_url", "text")
        .addColumn("runbook_url", "text")
        .addColumn("content_hash", "text", (c) => c.notNull())
        .addColumn("incident_id", "text")
        .addColumn("silence_id", "text")
        .addColumn("starts_at", "text", (c) => c.notNull())
        .addColumn("ends_at", "text")
        .addColumn("resolved_at", "text")
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("alerts_incident")
        .on("alerts")
        .columns(["incident_id", "created_at"])
        .execute();
      // Finds the resolved occurrence of a re-sent (stale) firing alert, and an integration's history.
      await db.schema
        .createIndex("alerts_fingerprint")
        .on("alerts")
        .columns(["integration_id", "fingerprint", "starts_at"])
        .execute();
      await db.schema
        .createIndex("alerts_status_created")
        .on("alerts")
        .columns(["status", "created_at"])
        .execute();
      await db.schema
        .createTable("alert_silences")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("matchers_json", "text", (c) => c.notNull())
        .addColumn("starts_at", "text", (c) => c.notNull())
        .addColumn("ends_at", "text", (c) => c.notNull())
        .addColumn("comment", "text", (c) => c.notNull())
        .addColumn("created_by", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("alert_silences_ends").on("alert_silences").column("ends_at").execute();
      await db.schema
        .createTable("heartbeats")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("name", "text", (c) => c.notNull().unique())
        .addColumn("integration", "text", (c) => c.notNull())
        .addColumn("interval_seconds", "integer", (c) => c.notNull())
        .addColumn("spec_json", "text", (c) => c.notNull())
        .addColumn("last_ping_at", "text")
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .execute();
    },
  },
  {
    name: "202611290100_alerts_expiry",
    async up(db) {
      await db.schema.alterTable("alerts").addColumn("expires_at", "text").execute();
      await db.schema.createIndex("alerts_expires").on("alerts").column("expires_at").execute();
    },
  },
  {
    name: "202612060800_alert_resolutions",
    async up(db) {
      await db.schema
        .createTable("alert_resolutions")
        .addColumn("integration_id", "text", (c) => c.notNull())
        .addColumn("fingerprint", "text", (c) => c.notNull())
        .addColumn("starts_at", "text", (c) => c.notNull())
        .addColumn("recorded_at", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("alert_resolutions_pk", ["integration_id", "fingerprint", "starts_at"])
        .execute();
      await db.schema
        .createIndex("alert_resolutions_recorded")
        .on("alert_resolutions")
        .column("recorded_at")
        .execute();
      // The resolved occurrences so far; the purge job keeps the last week of them.
      await sql`
        insert into alert_resolutions (integration_id, fingerprint, starts_at, recorded_at)
        select integration_id, fingerprint, starts_at, max(updated_at)
        from alerts where open_key is null
        group by integration_id, fingerprint, starts_at`.execute(db);
      // Its one job (finding those occurrences) moved to alert_resolutions: every new alert paid for a
      // key at a random place in it: about half of what SQLite spent inserting and committing one (ADR 16).
      await db.schema.dropIndex("alerts_fingerprint").execute();
    },
  },
  {
    name: "202612061200_alerts_resolution_purge_to_retention",
    async up(db) {
      // The platform's retention job now forgets old resolutions; the module's own hourly purge job has
      // no handler any more, and a pending one would wait forever.
      await sql`delete from jobs where type = 'alerts.purge-resolutions' and status = 'pending'`.execute(db);
    },
  },
];
