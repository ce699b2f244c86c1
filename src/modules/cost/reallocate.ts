import { createHash } from "node:crypto";
import { join } from "node:path";
import type { Kysely } from "kysely";
import { recordAudit } from "../../platform/audit/index.ts";
import type { Clock } from "../../platform/clock.ts";
import { toIso } from "../../platform/clock.ts";
import type { ActionContext } from "../../platform/context.ts";
import type { Database } from "../../platform/db/database.ts";
import type { Tables } from "../../platform/db/tables.ts";
import { enqueueJob, type JobHandler } from "../../platform/jobs/index.ts";
import type { AppDeps } from "../../platform/modules.ts";
import { catalogServices, currentAllocation } from "./allocation.service.ts";
import type { CatalogService } from "./allocation.sql.ts";
import { costDataDir, lit, withDuck } from "./duck.ts";
import { insertRollup, rollup } from "./rollup.ts";

export const reallocateJobType = "cost.reallocate";
export const watchJobType = "cost.allocation-watch";
const WATCH_EVERY_MS = 10 * 60_000;

/** Asks for the rollups to be recomputed from the Parquet files (after a CostAllocation change). */
export async function enqueueReallocation(
  trx: Kysely<Tables>,
  clock: Clock,
  reason: string,
): Promise<string> {
  return (await enqueueJob(trx, clock, { type: reallocateJobType, payload: { reason } })).id;
}

/** A person asks for re-allocation (API or CLI): queued and audited in one transaction. */
export function requestReallocation(db: Database, ctx: ActionContext, reason: string): Promise<string> {
  return db.write(async (trx) => {
    const job = await enqueueReallocation(trx, ctx.clock, reason);
    await recordAudit(trx, ctx, {
      action: "cost.reallocate",
      entityType: "cost-allocation",
      entityId: "default",
      after: { job, reason },
    });
    return job;
  });
}

/** Enqueues the catalog check of the next 10-minute slot; the slot's key makes it one job per slot. */
export async function ensureWatch(trx: Kysely<Tables>, clock: Clock): Promise<void> {
  const slot = new Date((Math.floor(clock.now().getTime() / WATCH_EVERY_MS) + 1) * WATCH_EVERY_MS);
  await enqueueJob(trx, clock, {
    type: watchJobType,
    payload: {},
    dueAt: slot,
    key: `${watchJobType}:${toIso(slot)}`,
  });
}

function fingerprint(spec: unknown, services: CatalogService[]): string {
  return createHash("sha256").update(JSON.stringify({ spec, services })).digest("hex");
}

/** Recomputes every import's rollup with the allocation and catalog of now, in the caller's transaction. */
export async function reallocateAll(
  trx: Kysely<Tables>,
  db: Database,
  config: AppDeps["config"],
): Promise<number> {
  const spec = await currentAllocation(trx);
  const services = await catalogServices(db);
  const dir = costDataDir(config);
  // Two reallocations (or one and an import) must not interleave their delete-and-insert: on PostgreSQL
  // the import rows are locked for the transaction; SQLite's single writer already serialises them.
  const query = trx.selectFrom("cost_imports").select(["id", "parquet_file"]).orderBy("id");
  const imports = await (db.dialect === "postgres" ? query.forUpdate() : query).execute();
  for (const imp of imports) {
    const rows = await withDuck((conn) =>
      rollup(conn, `read_parquet(${lit(join(dir, imp.parquet_file))})`, spec, services),
    );
    await trx.deleteFrom("cost_daily").where("import_id", "=", imp.id).execute();
    await insertRollup(trx, imp.id, rows);
  }
  await storeFingerprint(trx, spec, services);
  return imports.length;
}

/** Remembers which rules and catalog the rollups were computed with (the watch compares against it). */
export async function storeFingerprint(
  trx: Kysely<Tables>,
  spec: unknown,
  services: CatalogService[],
): Promise<void> {
  const value = fingerprint(spec, services);
  await trx.deleteFrom("cost_state").where("key", "=", "allocation-fingerprint").execute();
  await trx.insertInto("cost_state").values({ key: "allocation-fingerprint", value }).execute();
}

export function costJobHandlers(deps: AppDeps): Record<string, JobHandler> {
  return {
    [reallocateJobType]: async (trx) => {
      await reallocateAll(trx, deps.db, deps.config);
    },
    // The catalog publishes no events: a changed owner or service is noticed by its fingerprint.
    [watchJobType]: async (trx) => {
      const spec = await currentAllocation(trx);
      const services = await catalogServices(deps.db);
      const stored = await trx
        .selectFrom("cost_state")
        .select("value")
        .where("key", "=", "allocation-fingerprint")
        .executeTakeFirst();
      const hasImports = await trx.selectFrom("cost_imports").select("id").limit(1).executeTakeFirst();
      if (hasImports && stored?.value !== fingerprint(spec, services))
        await reallocateAll(trx, deps.db, deps.config);
      if (hasImports) await ensureWatch(trx, deps.clock);
    },
  };
}
