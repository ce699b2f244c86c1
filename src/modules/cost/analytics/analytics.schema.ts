import { z } from "zod";
import { entityName } from "../../../platform/schema-common.ts";
import { isDay } from "./days.ts";

/** A positive amount of money as a decimal string ("12000.00"): never a JSON number, which is a float. */
export const positiveMoney = z
  .string()
  .regex(/^\d{1,15}(\.\d{1,9})?$/, 'must be a decimal amount such as "12000.00" (at most 9 decimals)')
  .refine((v) => Number(v) > 0, "must be greater than zero");

export const currencyCode = z.string().regex(/^[A-Z]{3}$/, "must be an ISO 4217 code such as USD");

export const dayParam = z.string().refine(isDay, "must be a date YYYY-MM-DD");

/** The `spec` of a `kind: Budget` document. */
export const budgetSpec = z
  .object({
    /** Empty: the whole spend. Both: the team's spend on that catalog service. */
    scope: z.object({ team: entityName.optional(), service: entityName.optional() }).strict().default({}),
    period: z.enum(["monthly", "quarterly"]),
    amount: positiveMoney,
    currency: currencyCode,
    thresholds: z
      .array(
        z
          .object({
            percent: z.number().positive().max(1000),
            of: z.enum(["actual", "forecast"]),
          })
          .strict(),
      )
      .max(20)
      .default([]),
    /** The alert integration crossed thresholds are raised through; none: the budget is only reported. */
    integration: entityName.optional(),
  })
  .strict();
export type BudgetSpec = z.output<typeof budgetSpec>;

/** The `spec` of `kind: CostAnomalyPolicy`; the document named `default` is the one in force. */
export const anomalyPolicySpec = z
  .object({
    integration: entityName.optional(),
    minImpact: positiveMoney.default("100"),
    minRelative: z.number().min(0).max(100).default(0.2),
    minDeviation: z.number().min(0).max(1000).default(3.5),
  })
  .strict();
export type AnomalyPolicySpec = z.output<typeof anomalyPolicySpec>;

const thresholdState = z.object({
  percent: z.number(),
  of: z.enum(["actual", "forecast"]),
  breached: z.boolean(),
});

export const budgetView = z.object({
  name: z.string(),
  scope: z.object({ team: z.string().optional(), service: z.string().optional() }),
  period: z.enum(["monthly", "quarterly"]),
  amount: z.string(),
  currency: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  actual: z.string(),
  forecast: z.string(),
  forecastLow: z.string(),
  forecastHigh: z.string(),
  percentUsed: z.number(),
  status: z.enum(["ok", "at-risk", "over"]),
  thresholds: z.array(thresholdState),
});
export type BudgetView = z.output<typeof budgetView>;

export const varianceView = z.object({
  period: z.string(),
  items: z.array(
    z.object({
      name: z.string(),
      amount: z.string(),
      actual: z.string(),
      forecast: z.string(),
      variance: z.string(),
      variancePercent: z.number(),
    }),
  ),
});
export type VarianceView = z.output<typeof varianceView>;

export const anomalyDimensions = ["serviceName", "subAccount", "team"] as const;
export type AnomalyDimension = (typeof anomalyDimensions)[number];

export const anomalyView = z.object({
  id: z.string(),
  day: z.string(),
  dimension: z.enum(anomalyDimensions),
  key: z.string(),
  actual: z.string(),
  expected: z.string(),
  impact: z.string(),
  deviation: z.number(),
  currency: z.string(),
  drivers: z.array(z.object({ resourceId: z.string(), resourceName: z.string(), amount: z.string() })),
  alertId: z.string().nullable(),
});
export type AnomalyView = z.output<typeof anomalyView>;

const forecastNumbers = { actualToDate: z.string(), forecast: z.string(), low: z.string(), high: z.string() };
export const forecastView = z.object({
  month: z.string(),
  currency: z.string(),
  ...forecastNumbers,
  rows: z.array(z.object({ key: z.string(), ...forecastNumbers })).optional(),
});
export type ForecastView = z.output<typeof forecastView>;

export const commitmentsView = z.object({
  currency: z.string(),
  items: z.array(
    z.object({
      commitmentId: z.string(),
      type: z.string(),
      purchased: z.string(),
      used: z.string(),
      unused: z.string(),
      utilization: z.number(),
    }),
  ),
  coverage: z.number(),
  effectiveSavingsRate: z.object({ vsList: z.number(), vsContracted: z.number() }),
});
export type CommitmentsView = z.output<typeof commitmentsView>;

export const rangeQuery = z.object({ from: dayParam, to: dayParam }).strict();
export const forecastQuery = z
  .object({
    month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "must be a month YYYY-MM"),
    groupBy: z.enum(["team"]).optional(),
  })
  .strict();
export const varianceQuery = z
  .object({ period: z.string().regex(/^\d{4}-((0[1-9]|1[0-2])|Q[1-4])$/, "must be YYYY-MM or YYYY-Qn") })
  .strict();
