import { z } from "zod";
import { catalogKinds } from "./refs.ts";

export const levels = ["bronze", "silver", "gold"] as const;
export type Level = (typeof levels)[number];

export const kindParam = z.enum(catalogKinds);

const refView = z.object({
  ref: z.string(),
  kind: z.string(),
  name: z.string(),
  resolved: z.boolean(),
  displayName: z.string().nullable(),
});

const duration = z.object({ iso: z.string(), seconds: z.number() }).nullable();
const linkView = z.object({
  url: z.string(),
  title: z.string().optional(),
  icon: z.string().optional(),
  type: z.string().optional(),
});

export const entitySummary = z.object({
  kind: kindParam,
  name: z.string(),
  ref: z.string(),
  displayName: z.string(),
  description: z.string(),
  type: z.string().nullable(),
  lifecycle: z.string().nullable(),
  tier: z.number().nullable(),
  owner: refView.nullable(),
  system: refView.nullable(),
  labels: z.record(z.string(), z.string()),
  tags: z.array(z.string()),
  rto: duration,
  rpo: duration,
  links: z.array(linkView),
  runbooks: z.array(linkView),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const neighbourView = z.object({
  kind: z.string(),
  name: z.string(),
  relation: z.string(),
  resolved: z.boolean(),
});

export const unresolvedView = z.object({ field: z.string(), ref: z.string(), reason: z.string() });

export const checkResultView = z.object({
  id: z.string(),
  level: z.enum(levels),
  title: z.string(),
  status: z.enum(["pass", "fail", "not-applicable"]),
  detail: z.string().nullable(),
});

export const scorecardView = z.object({
  level: z.enum(levels).nullable(),
  nextLevel: z.enum(levels).nullable(),
  /** The checks that keep the entity from its next level. */
  missing: z.array(z.string()),
  checks: z.array(checkResultView),
});

export const entityDetail = entitySummary.extend({
  spec: z.record(z.string(), z.unknown()),
  dependencies: z.array(neighbourView),
  dependents: z.array(neighbourView),
  unresolved: z.array(unresolvedView),
  scorecard: scorecardView.nullable(),
});

export const walkView = z.object({
  kind: z.string(),
  name: z.string(),
  depth: z.number(),
  resolved: z.boolean(),
});

export const cycleView = z.array(z.object({ kind: z.string(), name: z.string() }));

export const graphView = z.object({
  root: z.string(),
  nodes: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      name: z.string(),
      displayName: z.string().nullable(),
      tier: z.number().nullable(),
      owner: z.string().nullable(),
      resolved: z.boolean(),
      depth: z.number(),
      inCycle: z.boolean(),
    }),
  ),
  edges: z.array(z.object({ from: z.string(), to: z.string(), relation: z.string(), inCycle: z.boolean() })),
  cycles: z.array(z.array(z.string())),
  truncated: z.boolean(),
});

export const listQuery = z
  .object({
    owner: z.string().max(300).optional(),
    tier: z.coerce.number().int().min(1).max(4).optional(),
    lifecycle: z.string().max(63).optional(),
    type: z.string().max(63).optional(),
    system: z.string().max(300).optional(),
    label: z.union([z.string().max(400), z.array(z.string().max(400)).max(20)]).optional(),
    search: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();

export const walkQuery = z
  .object({
    depth: z.coerce.number().int().min(1).max(50).default(10),
    relations: z.string().max(200).optional(),
  })
  .strict();

export type EntitySummary = z.output<typeof entitySummary>;
export type EntityDetail = z.output<typeof entityDetail>;
export type ScorecardView = z.output<typeof scorecardView>;
export type ListQuery = z.output<typeof listQuery>;
export type GraphView = z.output<typeof graphView>;
