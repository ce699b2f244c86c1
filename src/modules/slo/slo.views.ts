import { z } from "zod";
import { isoInstant } from "../../platform/schema-common.ts";

/** Response and query shapes of the SLO API (OpenAPI comes from these). */

const ratio = z.number().nullable();
export const errorBudgetView = z.object({ total: z.number(), consumed: z.number(), remaining: ratio });
const burning = z.enum(["page", "ticket"]).nullable();

export const burnRatesView = z.object({
  "5m": ratio,
  "30m": ratio,
  "1h": ratio,
  "2h": ratio,
  "6h": ratio,
  "1d": ratio,
  "3d": ratio,
});

export const statusView = z.object({
  at: z.string(),
  sli: ratio,
  objective: z.number(),
  window: z.object({ from: z.string(), to: z.string(), text: z.string() }),
  errorBudget: errorBudgetView,
  burnRates: burnRatesView,
  timeToExhaustionSeconds: z.number().nullable(),
  events: z.object({ good: z.number(), total: z.number() }),
  dataGap: z.boolean(),
  burning,
  /** Prometheus SLOs: how the source's last reads went (why there is a data gap). */
  prometheus: z
    .object({
      evaluatedThrough: z.string().nullable(),
      lastSuccessAt: z.string().nullable(),
      lastError: z
        .object({ at: z.string().nullable(), field: z.string().nullable(), message: z.string() })
        .nullable(),
    })
    .nullable()
    .optional(),
});

export const summaryView = z.object({
  name: z.string(),
  service: z.string(),
  objective: z.number(),
  window: z.string(),
  indicator: z.enum(["events", "prometheus", "incidents"]),
  budgetingMethod: z.string(),
  sli: ratio,
  errorBudget: errorBudgetView,
  burning,
});

export const detailView = z.object({
  name: z.string(),
  service: z.string(),
  spec: z.record(z.string(), z.unknown()),
  status: statusView,
});

export const seriesView = z.object({
  points: z.array(
    z.object({ at: z.string(), sli: ratio, budgetRemaining: ratio, good: z.number(), total: z.number() }),
  ),
});

export const alertEntryView = z.object({
  at: z.string(),
  severity: z.enum(["page", "ticket"]),
  state: z.enum(["firing", "resolved"]),
  burnRates: z.object({ long: z.number(), short: z.number() }),
  windows: z.array(z.string()),
  alertId: z.string().nullable(),
  note: z.string().nullable(),
});

export const listQuery = z.object({ service: z.string().min(1).max(200).optional() }).strict();
export const statusQuery = z.object({ at: isoInstant.optional() }).strict();
export const seriesQuery = z
  .object({
    from: isoInstant.optional(),
    to: isoInstant.optional(),
    points: z.coerce.number().int().min(2).max(1000).default(100),
  })
  .strict();
