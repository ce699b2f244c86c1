import { z } from "zod";
import { metrics, rollupDimensions } from "./cost.query.ts";

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected YYYY-MM-DD");
const dimensionNames = Object.keys(rollupDimensions) as [string, ...string[]];
/** A rollup dimension or `tag:KEY` (read from the raw rows). */
export const groupByParam = z.union([
  z.enum(dimensionNames),
  z.string().regex(/^tag:.{1,256}$/, "expected a dimension or tag:KEY"),
]);

const filters = {
  team: z.string().max(200).optional(),
  service: z.string().max(200).optional(),
  env: z.string().max(200).optional(),
  subAccount: z.string().max(300).optional(),
  serviceName: z.string().max(300).optional(),
  region: z.string().max(100).optional(),
  currency: z.string().max(10).optional(),
};

export const breakdownQuery = z
  .object({
    from: day,
    to: day,
    groupBy: groupByParam.default("team"),
    metric: z.enum(metrics).default("effectiveCost"),
    ...filters,
  })
  .strict();

export const dailyQuery = breakdownQuery.extend({ groupBy: z.enum(dimensionNames).optional() }).strict();

export const rangeQuery = z.object({ from: day, to: day }).strict();

const amountRow = z.object({ key: z.string(), amount: z.string() });

export const breakdownView = z.object({
  currency: z.string().nullable(),
  total: z.string(),
  unallocated: z.string(),
  rows: z.array(amountRow),
});

export const dailyView = z.object({
  currency: z.string().nullable(),
  days: z.array(z.object({ day: z.string(), total: z.string(), rows: z.array(amountRow) })),
});

export const importView = z.object({
  id: z.string(),
  files: z.array(z.string()),
  billingAccountId: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  rows: z.number(),
  currency: z.string(),
  importedAt: z.string(),
  importedBy: z.string(),
  warnings: z.array(z.string()),
});

export const importResultView = z.object({
  imports: z.array(
    z.object({
      id: z.string(),
      billingAccountId: z.string(),
      periodStart: z.string(),
      periodEnd: z.string(),
      rows: z.number(),
      currency: z.string(),
      replaced: z.string().nullable(),
      warnings: z.array(z.string()),
    }),
  ),
});

const resourceView = z.object({
  resourceId: z.string(),
  resourceName: z.string().nullable(),
  serviceName: z.string().nullable(),
  subAccountId: z.string().nullable(),
  amount: z.string(),
});

export const resourcesQuery = z
  .object({
    from: day,
    to: day,
    metric: z.enum(metrics).default("effectiveCost"),
    limit: z.coerce.number().int().min(1).max(1000).default(20),
    team: filters.team,
    service: filters.service,
    env: filters.env,
    subAccount: filters.subAccount,
    serviceName: filters.serviceName,
    region: filters.region,
  })
  .strict();

export const resourcesView = z.object({ items: z.array(resourceView) });

const taggingGroup = z.object({ key: z.string(), tagged: z.string(), total: z.string(), share: z.string() });

export const taggingView = z.object({
  currency: z.string().nullable(),
  requiredTags: z.array(z.string()),
  taggedShare: z.string(),
  byTeam: z.array(taggingGroup),
  byAccount: z.array(taggingGroup),
  untagged: z.array(resourceView),
});

export type BreakdownQuery = z.output<typeof breakdownQuery>;
