import type { NamedMigration } from "../../platform/db/migrations.ts";

export const costMigrations: NamedMigration[] = [
  {
    name: "202612010700_cost",
    async up(db) {
      await db.schema
        .createTable("cost_imports")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("billing_account_id", "text", (c) => c.notNull())
        .addColumn("period_start", "text", (c) => c.notNull())
        .addColumn("period_end", "text", (c) => c.notNull())
        .addColumn("files_json", "text", (c) => c.notNull())
        .addColumn("rows", "integer", (c) => c.notNull())
        .addColumn("currency", "text", (c) => c.notNull())
        .addColumn("parquet_file", "text", (c) => c.notNull())
        .addColumn("warnings_json", "text", (c) => c.notNull())
        .addColumn("imported_at", "text", (c) => c.notNull())
        .addColumn("imported_by", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("cost_imports_period")
        .on("cost_imports")
        .columns(["billing_account_id", "period_start"])
        .unique()
        .execute();
      let daily = db.schema
        .createTable("cost_daily")
        .addColumn("import_id", "text", (c) => c.notNull().references("cost_imports.id").onDelete("cascade"))
        .addColumn("billing_account_id", "text", (c) => c.notNull())
        .addColumn("day", "text", (c) => c.notNull())
        .addColumn("provider", "text", (c) => c.notNull())
        .addColumn("sub_account_id", "text", (c) => c.notNull())
        .addColumn("service_name", "text", (c) => c.notNull())
        .addColumn("region", "text", (c) => c.notNull())
        .addColumn("charge_category", "text", (c) => c.notNull())
        .addColumn("commitment_discount_id", "text")
        .addColumn("commitment_discount_status", "text")
        .addColumn("commitment_discount_type", "text")
        .addColumn("pricing_category", "text")
        .addColumn("team", "text")
        .addColumn("service", "text")
        .addColumn("env", "text")
        .addColumn("currency", "text", (c) => c.notNull());
      for (const amount of [
        "billed_cost",
        "effective_cost",
        "list_cost",
        "contracted_cost",
        "pricing_quantity",
        "consumed_quantity",
      ]) {
        daily = daily.addColumn(amount, "bigint", (c) => c.notNull());
      }
      await daily.addColumn("row_count", "integer", (c) => c.notNull()).execute();
      await db.schema.createIndex("cost_daily_day").on("cost_daily").columns(["day", "team"]).execute();
      await db.schema.createIndex("cost_daily_import").on("cost_daily").column("import_id").execute();
      await db.schema
        .createTable("cost_allocations")
        .addColumn("name", "text", (c) => c.primaryKey())
        .addColumn("spec_json", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("cost_state")
        .addColumn("key", "text", (c) => c.primaryKey())
        .addColumn("value", "text", (c) => c.notNull())
        .execute();
    },
  },
];
