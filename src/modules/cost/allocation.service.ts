import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/database.ts";
import type { Tables } from "../../platform/db/tables.ts";
import { allEntities } from "../catalog/index.ts";
import { type CostAllocationSpec, effectiveAllocation } from "./allocation.schema.ts";
import type { CatalogService } from "./allocation.sql.ts";

/** The CostAllocation in force: the document named `default`, else built-in defaults. */
export async function currentAllocation(db: Kysely<Tables>): Promise<CostAllocationSpec> {
  const row = await db
    .selectFrom("cost_allocations")
    .select("spec_json")
    .where("name", "=", "default")
    .executeTakeFirst();
  return effectiveAllocation(row ? (JSON.parse(row.spec_json) as CostAllocationSpec) : undefined);
}

/** Catalog services with their owner team (when a team owns them), for the catalog fallback. */
export async function catalogServices(db: Database): Promise<CatalogService[]> {
  return (await allEntities(db, "service")).map((s) => ({
    name: s.name,
    team: s.owner && s.owner.kind === "group" ? s.owner.name : null,
  }));
}
