import type { NamedMigration } from "../../platform/db/migrations.ts";

export const catalogMigrations: NamedMigration[] = [
  {
    name: "202611220300_catalog",
    async up(db) {
      await db.schema
        .createTable("catalog_entities")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("name_key", "text", (c) => c.notNull())
        .addColumn("ref_key", "text", (c) => c.notNull().unique())
        .addColumn("display_name", "text", (c) => c.notNull())
        .addColumn("description", "text", (c) => c.notNull())
        .addColumn("type", "text")
        .addColumn("lifecycle", "text")
        .addColumn("tier", "integer")
        .addColumn("owner", "text")
        .addColumn("system", "text")
        .addColumn("rto_seconds", "integer")
        .addColumn("rpo_seconds", "integer")
        .addColumn("spec_json", "text", (c) => c.notNull())
        .addColumn("search_text", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .addUniqueConstraint("catalog_entities_kind_name", ["kind", "name_key"])
        .execute();
      for (const column of ["owner", "tier", "lifecycle", "system"]) {
        await db.schema
          .createIndex(`catalog_entities_kind_${column}`)
          .on("catalog_entities")
          .columns(["kind", column, "name_key"])
          .execute();
      }
      await db.schema
        .createTable("catalog_edges")
        .addColumn("declared_by", "text", (c) =>
          c.notNull().references("catalog_entities.id").onDelete("cascade"),
        )
        .addColumn("from_key", "text", (c) => c.notNull())
        .addColumn("to_key", "text", (c) => c.notNull())
        .addColumn("relation", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("catalog_edges_pk", ["declared_by", "from_key", "to_key", "relation"])
        .execute();
      await db.schema
        .createIndex("catalog_edges_from")
        .on("catalog_edges")
        .columns(["from_key", "to_key"])
        .execute();
      await db.schema
        .createIndex("catalog_edges_to")
        .on("catalog_edges")
        .columns(["to_key", "from_key"])
        .execute();
      await db.schema
        .createTable("catalog_labels")
        .addColumn("entity_id", "text", (c) =>
          c.notNull().references("catalog_entities.id").onDelete("cascade"),
        )
        .addColumn("key", "text", (c) => c.notNull())
        .addColumn("value", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("catalog_labels_pk", ["entity_id", "key"])
        .execute();
      await db.schema
        .createIndex("catalog_labels_key_value")
        .on("catalog_labels")
        .columns(["key", "value"])
        .execute();
    },
  },
];
