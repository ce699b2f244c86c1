import { z } from "zod";

export const groupByValues = ["severity", "service", "team", "month"] as const;
export type GroupBy = (typeof groupByValues)[number];

const isoInstant = z
  .string()
  .max(40)
  .refine(
    (v) => /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2}))?$/.test(v) && !Number.isNaN(Date.parse(v)),
    {
      message: "must be an ISO 8601 date or instant with an offset, e.g. 2026-10-01T00:00:00Z",
    },
  );

export const kpiQuery = z
  .object({
    from: isoInstant,
    to: isoInstant,
    groupBy: z.enum(groupByValues).default("severity"),
  })
  .strict()
  .refine((q) => Date.parse(q.from) < Date.parse(q.to), { message: "must be after from", path: ["to"] })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 800 * 86_400_000, {
    message: "the range may span at most 800 days",
    path: ["to"],
  });
export type KpiQuery = z.output<typeof kpiQuery>;

export const kpiGroupView = z.object({
  key: z.string(),
  mean: z.number().nullable(),
  median: z.number().nullable(),
  n: z.number(),
  value: z.number().nullable(),
  recordIds: z.array(z.string()),
  recordIdsTruncated: z.boolean(),
  /** The objective a ratio is held against (availability: the SLO's objective). */
  target: z.number().nullable().optional(),
});

export const kpiNames = [
  "mtta",
  "mttr",
  "incident_count",
  "incident_trend",
  "mtta_trend",
  "mttr_trend",
  "availability",
  "pages_per_person",
  "pages_outside_working_hours",
  "pages_at_night",
  "top_alerts",
  "alerts_resolved_without_ack",
  "flapping_alerts",
  "postmortem_completion",
  "overdue_action_items",
] as const;
export type KpiName = (typeof kpiNames)[number];

export const kpiView = z.object({
  name: z.enum(kpiNames),
  definition: z.string(),
  unit: z.enum(["seconds", "count", "ratio"]),
  /** What `recordIds` name: incident, alert, message or action-item ids. */
  recordType: z.enum(["incident", "alert", "message", "action-item", "postmortem", "slo"]),
  /** How the groups are keyed: the requested groupBy, or the KPI's own (person, alert, month). */
  groupedBy: z.string(),
  /** Set when the figure cannot be computed here (e.g. a module that is not installed). */
  unavailable: z.string().nullable(),
  groups: z.array(kpiGroupView),
});
export type KpiView = z.output<typeof kpiView>;

export const kpisResponse = z.object({
  from: z.string(),
  to: z.string(),
  groupBy: z.enum(groupByValues),
  kpis: z.array(kpiView),
});
export type KpisResponse = z.output<typeof kpisResponse>;

/** `YYYY-MM`; `2026-13` is refused with a message naming the month. */
export const monthParam = z
  .string()
  .regex(/^\d{4}-\d{2}$/, "must be a month as YYYY-MM, e.g. 2026-10")
  .refine((m) => {
    const month = Number(m.slice(5, 7));
    return month >= 1 && month <= 12;
  }, "the month must be 01-12");

export const reportFormats = ["html", "md", "csv", "pdf", "json"] as const;
export type ReportFormat = (typeof reportFormats)[number];

export const reportQuery = z
  .object({
    month: monthParam,
    format: z.enum(reportFormats).default("html"),
    /** HTML only: pin the colours (the report page follows the app's theme); default: the reader's system. */
    theme: z.enum(["light", "dark"]).optional(),
  })
  .strict();

/** `?ids=a,b,c`: the incidents behind a KPI number, at most the record-id cap. */
export const recordsQuery = z
  .object({
    ids: z
      .string()
      .max(200 * 40)
      .transform((v) => v.split(",").filter(Boolean))
      .refine((ids) => ids.length <= 200, "at most 200 ids"),
  })
  .strict();

export const incidentRecordView = z.object({
  id: z.string(),
  number: z.number(),
  title: z.string(),
  severity: z.string(),
  status: z.string(),
  service: z.string().nullable(),
  createdAt: z.string(),
});
export type IncidentRecordView = z.output<typeof incidentRecordView>;
