import type { Kysely } from "kysely";
import { recordAudit } from "../../platform/audit/index.ts";
import { toIso } from "../../platform/clock.ts";
import type { ActionContext } from "../../platform/context.ts";
import type { Tables } from "../../platform/db/tables.ts";
import type { KindHandler } from "../../platform/manifests/kinds.ts";
import { type CostAllocationSpec, costAllocationSpec } from "./allocation.schema.ts";
import { enqueueReallocation } from "./reallocate.ts";

async function allSpecs(db: Kysely<Tables>): Promise<Map<string, CostAllocationSpec>> {
  const rows = await db.selectFrom("cost_allocations").selectAll().execute();
  return new Map(rows.map((r) => [r.name, JSON.parse(r.spec_json) as CostAllocationSpec]));
}

async function upsert(
  trx: Kysely<Tables>,
  ctx: ActionContext,
  name: string,
  spec: CostAllocationSpec,
  existed: boolean,
) {
  const before = (await allSpecs(trx)).get(name);
  const values = { spec_json: JSON.stringify(spec), updated_at: toIso(ctx.clock.now()) };
  if (existed) await trx.updateTable("cost_allocations").set(values).where("name", "=", name).execute();
  else
    await trx
      .insertInto("cost_allocations")
      .values({ name, ...values })
      .execute();
  await recordAudit(trx, ctx, {
    action: existed ? "cost.allocation.update" : "cost.allocation.create",
    entityType: "cost-allocation",
    entityId: name,
    before,
    after: spec,
  });
  // The rollups follow the rules in force: recomputed from the raw rows by a durable job.
  if (name === "default") await enqueueReallocation(trx, ctx.clock, `CostAllocation ${name} changed`);
}

/** `kind: CostAllocation`: tag rules per dimension, required tags and shared-cost splits. */
export const costAllocationKind: KindHandler<CostAllocationSpec> = {
  apiVersion: "opsdeck.dev/v1",
  kind: "CostAllocation",
  order: 80,
  spec: costAllocationSpec as unknown as KindHandler<CostAllocationSpec>["spec"],
  current: allSpecs,
  upsert,
  async remove(trx, ctx, name) {
    const before = (await allSpecs(trx)).get(name);
    await trx.deleteFrom("cost_allocations").where("name", "=", name).execute();
    await recordAudit(trx, ctx, {
      action: "cost.allocation.delete",
      entityType: "cost-allocation",
      entityId: name,
      before,
    });
    if (name === "default") await enqueueReallocation(trx, ctx.clock, `CostAllocation ${name} removed`);
  },
};
