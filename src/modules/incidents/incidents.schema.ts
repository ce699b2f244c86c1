import { z } from "zod";
import { entityName, isoInstant } from "../../platform/schema-common.ts";
import { incidentRoles, incidentStatuses, severities } from "./incident.ts";

export const severity = z.enum(severities);
export const incidentStatus = z.enum(incidentStatuses);
export const incidentRole = z.enum(incidentRoles);

/** The list row: exactly what the list page and `opsdeck incident list` show. */
export const incidentSummary = z.object({
  id: z.string(),
  number: z.number(),
  title: z.string(),
  status: incidentStatus,
  severity,
  service: z.string().nullable(),
  alertCount: z.number(),
  createdAt: z.string(),
  acknowledgedAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
});

const link = z.object({ url: z.string(), title: z.string(), source: z.enum(["service", "alert"]) });

export const incidentDetail = incidentSummary.extend({
  summary: z.string(),
  openAlertCount: z.number(),
  services: z.array(z.string()),
  roles: z.array(z.object({ role: incidentRole, user: z.string(), assignedAt: z.string() })),
  runbooks: z.array(link),
  groupKey: z.string().nullable(),
  mergedInto: z.object({ id: z.string(), number: z.number() }).nullable(),
  source: z.enum(["alert", "manual"]),
  updatedAt: z.string(),
});

export const timelineEntry = z.object({
  id: z.string(),
  seq: z.number(),
  at: z.string(),
  kind: z.string(),
  actor: z.string(),
  text: z.string(),
  data: z.record(z.string(), z.unknown()),
});

const serviceName = entityName;

export const listIncidentsQuery = z
  .object({
    status: z
      .string()
      .max(100)
      .regex(/^(open|triggered|acknowledged|resolved)(,(open|triggered|acknowledged|resolved))*$/, {
        message: "one or more of open, triggered, acknowledged, resolved, separated by commas",
      })
      .optional(),
    service: serviceName.optional(),
    severity: z
      .string()
      .max(100)
      .regex(/^SEV[1-4](,SEV[1-4])*$/, {
        message: "one or more of SEV1, SEV2, SEV3, SEV4, separated by commas",
      })
      .optional(),
    from: isoInstant.optional(),
    to: isoInstant.optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(100),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();

export const declareBody = z
  .object({
    title: z.string().trim().min(1).max(300),
    summary: z.string().max(10_000).default(""),
    severity: severity.default("SEV3"),
    services: z.array(serviceName).max(50).default([]),
    commander: entityName.optional(),
  })
  .strict();

export const updateBody = z
  .object({
    title: z.string().trim().min(1).max(300).optional(),
    summary: z.string().max(10_000).optional(),
    severity: severity.optional(),
    services: z.array(serviceName).max(50).optional(),
  })
  .strict();

export const textBody = z.object({ text: z.string().trim().min(1).max(10_000) }).strict();
export const statusUpdateBody = z
  .object({
    text: z.string().trim().min(1).max(10_000),
    /** A status update may move the incident on, e.g. "Fixed, monitoring" with status resolved. */
    status: z.enum(["acknowledged", "resolved"]).optional(),
  })
  .strict();
export const roleBody = z.object({ user: entityName }).strict();
export const mergeBody = z.object({ into: z.string().min(1).max(100) }).strict();
export const actionBody = z
  .object({ note: z.string().trim().max(10_000).optional() })
  .strict()
  .nullish();

export type IncidentSummary = z.output<typeof incidentSummary>;
export type IncidentDetail = z.output<typeof incidentDetail>;
export type TimelineEntry = z.output<typeof timelineEntry>;
export type ListIncidentsQuery = z.output<typeof listIncidentsQuery>;
export type DeclareInput = z.output<typeof declareBody>;
export type UpdateInput = z.output<typeof updateBody>;
