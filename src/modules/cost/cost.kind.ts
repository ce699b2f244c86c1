import type { KindHandler } from "../../platform/manifests/kinds.ts";
import { specStore } from "../../platform/manifests/spec-store.ts";
import { type CostAllocationSpec, costAllocationSpec } from "./allocation.schema.ts";
import { enqueueReallocation } from "./reallocate.ts";

/** The rollups follow the rules in force (`default`): recomputed from the raw rows by a durable job. */
const allocations = specStore<CostAllocationSpec, "cost_allocations">({
  table: "cost_allocations",
  key: "name",
  actionPrefix: "cost.allocation",
  entityType: "cost-allocation",
  notFound: (name) => `no cost allocation named '${name}'`,
  async afterPut(trx, ctx, name) {
    if (name === "default") await enqueueReallocation(trx, ctx.clock, `CostAllocation ${name} changed`);
  },
  async afterRemove(trx, ctx, name) {
    if (name === "default") await enqueueReallocation(trx, ctx.clock, `CostAllocation ${name} removed`);
  },
});

/** `kind: CostAllocation`: tag rules per dimension, required tags and shared-cost splits. */
export const costAllocationKind: KindHandler<CostAllocationSpec> = {
  apiVersion: "opsdeck.dev/v1",
  kind: "CostAllocation",
  order: 80,
  spec: costAllocationSpec as unknown as KindHandler<CostAllocationSpec>["spec"],
  current: allocations.all,
  upsert: allocations.put,
  remove: allocations.remove,
};
