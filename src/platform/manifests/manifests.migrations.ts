import type { NamedMigration } from "../db/migrations.ts";

export interface AppliedObjectTable {
  kind: string;
  name: string;
  applied_at: string;
}

declare module "../db/tables.ts" {
  interface Tables {
    applied_objects: AppliedObjectTable;
  }
}

/** Which objects `opsdeck apply` manages, so `--prune` deletes only what an apply created. */
export const manifestMigrations: NamedMigration[] = [
  {
    name: "202611220102_platform_applied_objects",
    async up(db) {
      await db.schema
        .createTable("applied_objects")
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("applied_at", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("applied_objects_pk", ["kind", "name"])
        .execute();
    },
  },
];
