import { z } from "zod";

const tagKey = z.string().min(1).max(256);
const normalizeStep = z.enum(["trim", "lowercase"]);

const dimension = z
  .object({
    /** The first key present (non-empty) in a row's Tags wins. */
    tagKeys: z.array(tagKey).min(1).max(20),
    normalize: z.array(normalizeStep).default(["trim"]),
    /** `catalog`: the team of the catalog Service named by the row's service tag (team dimension only). */
    fallback: z.enum(["none", "catalog"]).default("none"),
  })
  .strict();

const sharedRule = z
  .object({
    name: z.string().min(1).max(100),
    /** Which rollup rows are shared; every given field must match (`team: null` means unallocated). */
    match: z
      .object({
        team: z.string().nullable().optional(),
        subAccountId: z.string().optional(),
        serviceName: z.string().optional(),
        region: z.string().optional(),
        provider: z.string().optional(),
        chargeCategory: z.string().optional(),
      })
      .strict()
      .refine((m) => Object.keys(m).length > 0, { message: "give at least one field to match" }),
    split: z.enum(["proportional", "even", "fixed"]),
    /** Receiving teams; proportional without `to` means every team with direct spend that day. */
    to: z.array(z.string().min(1)).optional(),
    /** For `fixed`: team -> share (any positive numbers; they are normalized). */
    shares: z.record(z.string(), z.number().positive()).optional(),
  })
  .strict()
  .superRefine((r, ctx) => {
    if (r.split === "fixed" && (!r.shares || Object.keys(r.shares).length === 0))
      ctx.addIssue({ code: "custom", path: ["shares"], message: "a fixed split needs shares" });
    if (r.split === "even" && (!r.to || r.to.length === 0))
      ctx.addIssue({ code: "custom", path: ["to"], message: "an even split needs the teams in `to`" });
  });

/** The spec of `kind: CostAllocation`; the document named `default` is the one in force. */
export const costAllocationSpec = z
  .object({
    dimensions: z
      .object({
        team: dimension.optional(),
        service: dimension.optional(),
        env: dimension.optional(),
      })
      .strict()
      .default({}),
    requiredTags: z.array(tagKey).max(20).default([]),
    sharedCosts: z.array(sharedRule).max(50).default([]),
  })
  .strict();

export type CostAllocationSpec = z.output<typeof costAllocationSpec>;
export type DimensionRule = z.output<typeof dimension>;
export type SharedCostRule = z.output<typeof sharedRule>;

/** What applies when no CostAllocation document exists: common tag spellings, catalog fallback. */
export const defaultAllocation: CostAllocationSpec = {
  dimensions: {
    team: {
      tagKeys: ["team", "Team", "user:team", "owner"],
      normalize: ["trim", "lowercase"],
      fallback: "catalog",
    },
    service: {
      tagKeys: ["service", "Service", "user:service", "app"],
      normalize: ["trim", "lowercase"],
      fallback: "none",
    },
    env: {
      tagKeys: ["env", "environment", "Environment", "user:env"],
      normalize: ["trim", "lowercase"],
      fallback: "none",
    },
  },
  requiredTags: ["team", "env"],
  sharedCosts: [],
};

/** The rules in force: each dimension the document leaves out keeps its default. */
export function effectiveAllocation(spec: CostAllocationSpec | undefined): CostAllocationSpec {
  if (!spec) return defaultAllocation;
  return { ...spec, dimensions: { ...defaultAllocation.dimensions, ...spec.dimensions } };
}
