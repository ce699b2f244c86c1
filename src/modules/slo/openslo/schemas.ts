import { z } from "zod";

/**
 * The OpenSLO v1 object kinds opsdeck stores as they are (SLI, AlertPolicy, AlertCondition,
 * AlertNotificationTarget, DataSource, Service), validated with the rules of the OpenSLO v1 JSON schema:
 * required fields, descriptions of at most 1050 characters, exactly one condition per alert policy.
 * Unknown fields are kept (OpenSLO has vendor extensions); secrets in connection details are not.
 */

const description = z.string().max(1050, "must be at most 1050 characters (OpenSLO v1)").optional();
const duration = z.string().regex(/^\d+[smhdwMQY]$/, "must be a duration such as 5m, 1h, 1d");
const named = z.object({ name: z.string().min(1) }).loose();

/** Values of keys that look like credentials are replaced, so they are neither stored nor audited. */
export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (!value || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([k, v]) =>
      /secret|password|token|apikey|appkey|accesskey|credential/i.test(k) && typeof v !== "object"
        ? [k, "(redacted)"]
        : [k, redact(v)],
    ),
  );
}

const metricSource = z
  .object({
    metricSourceRef: z.string().optional(),
    type: z.string().optional(),
    spec: z.unknown().optional(),
  })
  .loose();
const metric = z.object({ metricSource }).loose();

export const ratioMetric = z
  .object({
    counter: z.boolean().optional(),
    good: metric.optional(),
    bad: metric.optional(),
    total: metric.optional(),
    rawType: z.enum(["success", "failure"]).optional(),
    raw: metric.optional(),
  })
  .loose()
  .superRefine((r, ctx) => {
    if (r.raw !== undefined) {
      if (!r.rawType)
        ctx.addIssue({
          code: "custom",
          path: ["rawType"],
          message: "a raw ratio needs rawType (success or failure)",
        });
      return;
    }
    if (r.good !== undefined && r.bad !== undefined)
      ctx.addIssue({
        code: "custom",
        path: ["bad"],
        message: "give either good or bad (with total), not both",
      });
    if (r.good === undefined && r.bad === undefined)
      ctx.addIssue({ code: "custom", path: ["good"], message: "give good or bad (with total)" });
    if (r.total === undefined) ctx.addIssue({ code: "custom", path: ["total"], message: "is required" });
  });

export const sliSpec = z
  .object({ description, ratioMetric: ratioMetric.optional(), thresholdMetric: metric.optional() })
  .loose()
  .superRefine((s, ctx) => {
    if ((s.ratioMetric === undefined) === (s.thresholdMetric === undefined))
      ctx.addIssue({
        code: "custom",
        path: ["ratioMetric"],
        message: "give exactly one of ratioMetric and thresholdMetric",
      });
  });

export const alertConditionSpec = z
  .object({
    description,
    severity: z.string().min(1),
    condition: z
      .object({
        kind: z.literal("burnrate"),
        op: z.enum(["lt", "lte", "gt", "gte"]).optional(),
        threshold: z.number(),
        lookbackWindow: duration,
        alertAfter: duration,
      })
      .loose(),
  })
  .loose();

export const alertNotificationTargetSpec = z.object({ description, target: z.string().min(1) }).loose();

const conditionItem = z.union(
  [
    z.object({ conditionRef: z.string().min(1), operator: z.string().optional() }).strict(),
    z.object({ kind: z.literal("AlertCondition"), metadata: named, spec: alertConditionSpec }).strict(),
  ],
  { message: "a condition is { conditionRef: NAME } or an inline AlertCondition (kind, metadata, spec)" },
);
const targetItem = z.union(
  [
    z.object({ targetRef: z.string().min(1) }).strict(),
    z
      .object({
        kind: z.literal("AlertNotificationTarget"),
        metadata: named,
        spec: alertNotificationTargetSpec,
      })
      .strict(),
  ],
  { message: "a notification target is { targetRef: NAME } or an inline AlertNotificationTarget" },
);

export const alertPolicySpec = z
  .object({
    description,
    alertWhenNoData: z.boolean().optional(),
    alertWhenResolved: z.boolean().optional(),
    alertWhenBreaching: z.boolean().optional(),
    conditions: z.array(conditionItem).length(1, "exactly one condition (OpenSLO v1 allows one per policy)"),
    notificationTargets: z.array(targetItem).min(1, "at least one notification target"),
  })
  .loose();

export const dataSourceSpec = z
  .object({ description, type: z.string().min(1), connectionDetails: z.unknown().optional() })
  .loose();

export const serviceSpec = z.object({ description }).loose();

/** OpenSLO kind -> the opsdeck kind it is stored as (kind names must not collide with opsdeck's own). */
export const storedKinds = {
  SLI: { kind: "OpenSLOSLI", spec: sliSpec },
  AlertPolicy: { kind: "OpenSLOAlertPolicy", spec: alertPolicySpec },
  AlertCondition: { kind: "OpenSLOAlertCondition", spec: alertConditionSpec },
  AlertNotificationTarget: { kind: "OpenSLOAlertNotificationTarget", spec: alertNotificationTargetSpec },
  DataSource: { kind: "OpenSLODataSource", spec: dataSourceSpec },
  Service: { kind: "OpenSLOService", spec: serviceSpec },
} as const;
export type StoredKind = keyof typeof storedKinds;
