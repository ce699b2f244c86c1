import { z } from "zod";
import { entityName } from "../../platform/schema-common.ts";
import {
  actionItemPriorities,
  actionItemStatuses,
  isTrackerUrl,
  postmortemStatuses,
  sectionKeys,
} from "./postmortem.ts";

export const postmortemStatus = z.enum(postmortemStatuses);
export const actionItemStatus = z.enum(actionItemStatuses);
export const actionItemPriority = z.enum(actionItemPriorities);

const markdown = z.string().max(100_000);
export const sectionsSchema = z.object(
  Object.fromEntries(sectionKeys.map((k) => [k, markdown])) as Record<
    (typeof sectionKeys)[number],
    typeof markdown
  >,
);

/** A calendar day, e.g. 2026-12-04: a due date is a day, whatever the reader's time zone. */
export const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date like 2026-12-04")
  .refine(
    (d) =>
      !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
    "is not a real calendar date",
  );

export const trackerUrl = z.string().max(2000).refine(isTrackerUrl, "must be an http:// or https:// URL");

/** A user by name (`alice`) or id. */
const userRef = z.string().min(1).max(200);

export const userRefView = z.object({ id: z.string(), name: z.string(), displayName: z.string() });

export const actionItemView = z.object({
  id: z.string(),
  title: z.string(),
  owner: userRefView.nullable(),
  team: z.string().nullable(),
  dueDate: z.string().nullable(),
  priority: z.string(),
  status: z.string(),
  externalUrl: z.string().nullable(),
  completedAt: z.string().nullable(),
  postmortemId: z.string(),
  incidentId: z.string(),
  incidentNumber: z.number(),
  incidentTitle: z.string(),
  overdue: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const reviewerView = z.object({
  id: z.string(),
  name: z.string(),
  displayName: z.string(),
  decision: z.enum(["pending", "approved", "changes_requested"]),
  comment: z.string(),
  decidedAt: z.string().nullable(),
});

export const postmortemSummary = z.object({
  id: z.string(),
  incidentId: z.string(),
  incidentNumber: z.number(),
  incidentTitle: z.string(),
  incidentSeverity: z.string(),
  title: z.string(),
  status: postmortemStatus,
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  publishedAt: z.string().nullable(),
  actionItemCount: z.number(),
  openActionItemCount: z.number(),
});

export const postmortemDetail = postmortemSummary.extend({
  sections: sectionsSchema,
  sectionOrder: z.array(z.object({ key: z.string(), title: z.string() })),
  reviewers: z.array(reviewerView),
  actionItems: z.array(actionItemView),
  submittedAt: z.string().nullable(),
  publishedBy: z.string().nullable(),
});

export const updatePostmortemBody = z
  .object({
    title: z.string().trim().min(1).max(300).optional(),
    sections: sectionsSchema.partial().strict().optional(),
  })
  .strict();

export const statusBody = z.object({ status: postmortemStatus }).strict();
export const reviewersBody = z.object({ reviewers: z.array(userRef).max(20) }).strict();
export const reviewBody = z
  .object({
    decision: z.enum(["approved", "changes_requested"]),
    comment: z.string().max(10_000).default(""),
  })
  .strict();

export const createActionItemBody = z
  .object({
    title: z.string().trim().min(1).max(500),
    owner: userRef.nullish(),
    team: entityName.nullish(),
    dueDate: calendarDate.nullish(),
    priority: actionItemPriority.default("P3"),
    status: actionItemStatus.default("open"),
    externalUrl: trackerUrl.nullish(),
  })
  .strict();

export const updateActionItemBody = z
  .object({
    title: z.string().trim().min(1).max(500).optional(),
    owner: userRef.nullable().optional(),
    team: entityName.nullable().optional(),
    dueDate: calendarDate.nullable().optional(),
    priority: actionItemPriority.optional(),
    status: actionItemStatus.optional(),
    externalUrl: trackerUrl.nullable().optional(),
  })
  .strict();

export const listPostmortemsQuery = z
  .object({
    status: postmortemStatus.optional(),
    /** An incident's id or number: its postmortem, or none. */
    incident: z.string().min(1).max(100).optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(100),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();

export const listActionItemsQuery = z
  .object({
    overdue: z.enum(["true", "false"]).optional(),
    team: entityName.optional(),
    /** `me` or a user id or name. */
    owner: z.string().min(1).max(200).optional(),
    status: actionItemStatus.optional(),
    postmortem: z.string().max(100).optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(500),
  })
  .strict();

export type PostmortemSummary = z.output<typeof postmortemSummary>;
export type PostmortemDetail = z.output<typeof postmortemDetail>;
export type ActionItemView = z.output<typeof actionItemView>;
export type CreateActionItemInput = z.output<typeof createActionItemBody>;
export type UpdateActionItemInput = z.output<typeof updateActionItemBody>;
export type ListActionItemsQuery = z.output<typeof listActionItemsQuery>;
