import { z } from "zod";
import { entityName, isoInstant, timeZone } from "../../platform/schema-common.ts";
import { parseDuration } from "../catalog/index.ts";
import { parseRrule } from "./exclusions.ts";
import { burnRateWindows, defaultAlerting, type SloDefinition } from "./model.ts";

/** The `spec` of `kind: SLO` (opsdeck.dev/v1), normalized into an SloDefinition (without its name). */
export type SloSpec = Omit<SloDefinition, "name">;

const ratio = (field: string) =>
  z
    .number({ message: `${field} must be a number between 0 and 1, e.g. 0.999` })
    .gt(0, `${field} must be above 0 (e.g. 0.999)`)
    .lt(1, `${field} must be below 1: 1 (100%) leaves no error budget; write e.g. 0.999`);

/** A duration in whole minutes ("5m", "2h", "PT2H"). */
const minutes = z.string().transform((text, ctx) => {
  const d = parseDuration(text);
  if (!d.ok || d.seconds % 60 !== 0 || d.seconds === 0) {
    ctx.addIssue({ code: "custom", message: d.ok ? "must be whole minutes, above 0" : d.message });
    return z.NEVER;
  }
  return d.seconds / 60;
});

const rollingDays = z.string().transform((text, ctx) => {
  const d = parseDuration(text);
  const days = d.ok ? d.seconds / 86_400 : Number.NaN;
  if (!d.ok || !Number.isInteger(days) || days < 1 || days > 92) {
    ctx.addIssue({
      code: "custom",
      message: `'${text}' is not a rolling window: give whole days from 1d to 92d (e.g. 28d, 30d, 4w)`,
    });
    return z.NEVER;
  }
  return days;
});

/** One object, not a union, so an error names the field (`window.rolling`) instead of the whole window. */
const windowSpec = z
  .object({
    rolling: rollingDays.optional(),
    calendar: z.enum(["day", "week", "month", "quarter"]).optional(),
    timeZone: timeZone.optional(),
    /** Local start of the periods (OpenSLO's calendar.startTime), e.g. 2022-01-01T12:00:00. */
    startTime: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/, "must be a local date-time like 2022-01-01T12:00:00")
      .optional(),
  })
  .strict()
  .superRefine((w, ctx) => {
    if ((w.rolling === undefined) === (w.calendar === undefined))
      ctx.addIssue({
        code: "custom",
        message: "give { rolling: 30d } or { calendar: month, timeZone: Europe/Berlin }",
      });
    else if (w.rolling !== undefined && (w.timeZone || w.startTime))
      ctx.addIssue({
        code: "custom",
        path: [w.timeZone ? "timeZone" : "startTime"],
        message: "only calendar windows have one",
      });
  });

const windowName = z.enum(Object.keys(burnRateWindows) as [string, ...string[]]);
const condition = z
  .object({ long: windowName, short: windowName, factor: z.number().positive() })
  .strict()
  .refine((c) => burnRateWindows[c.short as "5m"] < burnRateWindows[c.long as "5m"], {
    message: "the short window must be shorter than the long one",
  });

const indicatorSpec = z.union(
  [
    z.object({ events: z.object({}).strict() }).strict(),
    z
      .object({
        prometheus: z
          .object({
            good: z.string().min(1).optional(),
            bad: z.string().min(1).optional(),
            total: z.string().min(1),
            dataSource: z.string().min(1).optional(),
          })
          .strict()
          .refine((p) => (p.good === undefined) !== (p.bad === undefined), {
            message: "give either good or bad (with total), not both and not neither",
          }),
      })
      .strict(),
    z
      .object({
        incidents: z
          .object({
            severities: z
              .array(z.enum(["SEV1", "SEV2", "SEV3", "SEV4"]))
              .min(1)
              .default(["SEV1", "SEV2"]),
          })
          .strict(),
      })
      .strict(),
  ],
  {
    message: "give one of { events: {} }, { prometheus: { good|bad, total } }, { incidents: { severities } }",
  },
);

const exclusion = z.union(
  [
    z
      .object({ rrule: z.string().min(1), duration: minutes, timeZone: timeZone.default("UTC") })
      .strict()
      .superRefine((e, ctx) => {
        try {
          parseRrule(e.rrule, e.timeZone);
        } catch (err) {
          ctx.addIssue({
            code: "custom",
            path: ["rrule"],
            message: `not an RRULE: ${(err as Error).message}`,
          });
        }
      }),
    z
      .object({ from: isoInstant, to: isoInstant })
      .strict()
      .refine((e) => Date.parse(e.from) < Date.parse(e.to), {
        message: "from must be before to",
        path: ["to"],
      }),
  ],
  { message: "give { rrule, duration, timeZone } or { from, to }" },
);

function normalizeIndicator(i: z.output<typeof indicatorSpec>): SloSpec["indicator"] {
  if ("events" in i) return { kind: "events" };
  if ("prometheus" in i) return { kind: "prometheus", ...i.prometheus };
  return { kind: "incidents", severities: [...new Set(i.incidents.severities)].sort() };
}

export const sloSpec = z
  .object({
    service: entityName,
    description: z.string().max(2000).default(""),
    objective: ratio("objective"),
    window: windowSpec,
    budgetingMethod: z.enum(["Occurrences", "Timeslices", "RatioTimeslices"]).default("Occurrences"),
    timeslice: z
      .object({ target: ratio("timeslice.target").optional(), duration: minutes })
      .strict()
      .optional(),
    indicator: indicatorSpec.optional(),
    /** OpenSLO: an indicatorRef the translator could not resolve within the apply (always an error). */
    indicatorRef: z.string().optional(),
    indicatorRefProblem: z.string().optional(),
    alerting: z
      .object({
        integration: entityName.optional(),
        minEvents: z.number().int().min(0).default(defaultAlerting.minEvents),
        page: z.array(condition).max(5).default(defaultAlerting.page),
        ticket: z.array(condition).max(5).default(defaultAlerting.ticket),
      })
      .strict()
      .default({ ...defaultAlerting }),
    exclusions: z.array(exclusion).max(50).default([]),
  })
  .strict()
  .superRefine((s, ctx) => {
    if (s.indicatorRefProblem)
      ctx.addIssue({ code: "custom", path: ["indicatorRef"], message: s.indicatorRefProblem });
    else if (s.indicatorRef)
      ctx.addIssue({
        code: "custom",
        path: ["indicatorRef"],
        message: `no SLI named '${s.indicatorRef}' in this apply: apply the OpenSLO SLI together with the SLO that references it`,
      });
    else if (!s.indicator) ctx.addIssue({ code: "custom", path: ["indicator"], message: "is required" });
    if (s.budgetingMethod === "Occurrences") return;
    const slice = s.timeslice;
    if (!slice)
      ctx.addIssue({
        code: "custom",
        path: ["timeslice"],
        message: `${s.budgetingMethod} needs timeslice: { target, duration }`,
      });
    else if (60 % slice.duration !== 0)
      ctx.addIssue({
        code: "custom",
        path: ["timeslice", "duration"],
        message: "must divide an hour: 1m, 2m, 5m, 10m, 15m, 30m or 1h",
      });
    else if (s.budgetingMethod === "Timeslices" && slice.target === undefined)
      ctx.addIssue({
        code: "custom",
        path: ["timeslice", "target"],
        message: "Timeslices needs a slice target, e.g. 0.95",
      });
  })
  .transform(
    (s): SloSpec => ({
      service: s.service,
      description: s.description,
      objective: s.objective,
      window:
        s.window.rolling !== undefined
          ? { kind: "rolling", days: s.window.rolling }
          : {
              kind: "calendar",
              unit: s.window.calendar ?? "month",
              timeZone: s.window.timeZone ?? "UTC",
              ...(s.window.startTime
                ? {
                    anchor:
                      s.window.startTime.length === 16 ? `${s.window.startTime}:00` : s.window.startTime,
                  }
                : {}),
            },
      budgetingMethod: s.budgetingMethod,
      timesliceTarget: s.budgetingMethod === "Timeslices" ? (s.timeslice?.target ?? null) : null,
      timesliceMinutes: s.budgetingMethod === "Occurrences" ? null : (s.timeslice?.duration ?? null),
      indicator: normalizeIndicator(s.indicator as z.output<typeof indicatorSpec>),
      alerting: {
        ...(s.alerting.integration ? { integration: s.alerting.integration } : {}),
        minEvents: s.alerting.minEvents,
        page: s.alerting.page,
        ticket: s.alerting.ticket,
      },
      exclusions: s.exclusions.map((e) =>
        "rrule" in e
          ? { kind: "rrule", rrule: e.rrule, durationMinutes: e.duration, timeZone: e.timeZone }
          : { kind: "range", from: new Date(e.from).toISOString(), to: new Date(e.to).toISOString() },
      ),
    }),
  );
