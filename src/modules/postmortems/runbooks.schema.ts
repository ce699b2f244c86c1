import { z } from "zod";
import { entityName } from "../../platform/schema-common.ts";
import { parseMatchers } from "../alerts/index.ts";

/** Alert label matchers, each checked here so a bad one is named with its index. */
export const runbookMatchers = z
  .array(z.string().min(1).max(1000))
  .max(50)
  .superRefine((items, ctx) => {
    for (const [i, item] of items.entries()) {
      const parsed = parseMatchers(item);
      if (!parsed.ok) ctx.addIssue({ code: "custom", path: [i], message: parsed.message });
    }
  });

/** The `spec` of a `kind: Runbook` document, and the editable part of a runbook in the API. */
export const runbookSpec = z
  .object({
    title: z.string().trim().min(1).max(300),
    services: z.array(entityName).max(100).default([]),
    match: runbookMatchers.default([]),
    body: z.string().max(200_000),
  })
  .strict();

export const createRunbookBody = runbookSpec
  .extend({ name: entityName, message: z.string().max(500).optional() })
  .strict();
export const updateRunbookBody = z
  .object({
    title: z.string().trim().min(1).max(300).optional(),
    services: z.array(entityName).max(100).optional(),
    match: runbookMatchers.optional(),
    body: z.string().max(200_000).optional(),
    message: z.string().max(500).optional(),
  })
  .strict();

export const runbookSummary = z.object({
  name: z.string(),
  title: z.string(),
  services: z.array(z.string()),
  match: z.array(z.string()),
  version: z.number(),
  updatedAt: z.string(),
});

export const runbookDetail = runbookSummary.extend({
  body: z.string(),
  author: z.string(),
  createdAt: z.string(),
});

export const runbookVersionView = z.object({
  version: z.number(),
  title: z.string(),
  author: z.string(),
  message: z.string(),
  createdAt: z.string(),
  lines: z.number(),
});

export const runbookVersionDetail = runbookVersionView.extend({ body: z.string() });

export const diffQuery = z
  .object({
    from: z.coerce.number().int().min(1),
    to: z.coerce.number().int().min(1),
  })
  .strict();

export const diffView = z.object({
  name: z.string(),
  from: z.number(),
  to: z.number(),
  added: z.number(),
  removed: z.number(),
  /** Line runs in order: unchanged, added or removed. */
  parts: z.array(z.object({ kind: z.enum(["same", "added", "removed"]), lines: z.array(z.string()) })),
  /** The same change as a unified diff, for copying into a review or a terminal. */
  unified: z.string(),
});

export const incidentRunbookView = runbookDetail.extend({
  /** Why it is shown: `service:payments-api` or `alert:<title> matches alertname=~"Postgres.*"`. */
  reasons: z.array(z.string()),
});

export const listRunbooksQuery = z
  .object({
    service: entityName.optional(),
    search: z.string().max(200).optional(),
  })
  .strict();

export type RunbookSpec = z.output<typeof runbookSpec>;
export type RunbookSummary = z.output<typeof runbookSummary>;
export type RunbookDetail = z.output<typeof runbookDetail>;
export type DiffView = z.output<typeof diffView>;
export type IncidentRunbookView = z.output<typeof incidentRunbookView>;
