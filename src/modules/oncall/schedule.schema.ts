import { Temporal } from "temporal-polyfill";
import { z } from "zod";
import { entityName, isoInstant } from "../../platform/schema-common.ts";
import { WEEKDAYS } from "./weekdays.ts";

/**
 * The `spec` of a `kind: Schedule` document. The output equals the input (no transforms), so a stored
 * spec round-trips through `opsdeck apply` unchanged; rotation.ts and restrictions.ts parse the strings.
 * Semantics are documented in docs/oncall.md ("## Schedules") and in schedule.ts.
 */

export { WEEKDAYS, type Weekday } from "./weekdays.ts";

/** Longest rotation period: beyond a year nobody rotates, and it keeps start + k*every far inside Temporal's range. */
export const MAX_EVERY_MINUTES = 366 * 24 * 60;
const UNIT_MINUTES = { m: 1, h: 60, d: 24 * 60, w: 7 * 24 * 60 } as const;

/** Offsets such as "+01:00" pass Intl and Temporal but have no DST rules, so they are refused. */
function isIanaZone(tz: string): boolean {
  if (/^[+-]/.test(tz)) return false;
  try {
    Temporal.Instant.fromEpochMilliseconds(0).toZonedDateTimeISO(tz);
    return true;
  } catch {
    return false;
  }
}

function isPlainDateTime(s: string): boolean {
  try {
    Temporal.PlainDateTime.from(s);
    return true;
  } catch {
    return false;
  }
}

const zone = z.string().refine(isIanaZone, "must be an IANA time zone such as America/New_York");

const localStart = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/,
    'must be a local wall time "YYYY-MM-DDTHH:MM", e.g. "2026-10-26T09:00"',
  )
  .refine(isPlainDateTime, "must be a real calendar date and time");

const every = z
  .string()
  .regex(/^[1-9]\d*[mhdw]$/, 'must be a positive whole number followed by m, h, d or w, e.g. "1w", "12h"')
  .refine((s) => {
    const unit = s.slice(-1) as keyof typeof UNIT_MINUTES;
    return Number(s.slice(0, -1)) * UNIT_MINUTES[unit] <= MAX_EVERY_MINUTES;
  }, "must be at most 366 days (e.g. 52w)");

const clockFrom = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be "HH:MM" between 00:00 and 23:59');
const clockTo = z
  .string()
  .regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'must be "HH:MM" between 00:00 and 24:00');

const weekday = z.enum(WEEKDAYS, { error: "must be one of mon, tue, wed, thu, fri, sat, sun" });

export const scheduleRestriction = z
  .object({
    days: z.array(weekday).min(1, "must name at least one day"),
    from: clockFrom,
    to: clockTo,
  })
  .strict();

export const scheduleLayer = z
  .object({
    name: entityName,
    start: localStart,
    rotation: z.object({ every }).strict(),
    participants: z.array(entityName).min(1, "a layer needs at least one participant"),
    restrictions: z
      .array(scheduleRestriction)
      .min(1, "omit restrictions for a layer that covers all times")
      .optional(),
  })
  .strict();

export const scheduleOverride = z
  .object({ user: entityName, start: isoInstant, end: isoInstant })
  .strict()
  .refine((o) => Date.parse(o.end) > Date.parse(o.start), {
    message: "must be after start",
    path: ["end"],
  });

export const scheduleSpec = z
  .object({
    timeZone: zone,
    layers: z.array(scheduleLayer).min(1, "a schedule needs at least one layer"),
    overrides: z.array(scheduleOverride).default([]),
  })
  .strict()
  .superRefine((spec, ctx) => {
    // Layer names identify a layer in the UI and in error messages, so they must not repeat.
    const seen = new Set<string>();
    spec.layers.forEach((layer, i) => {
      if (seen.has(layer.name)) {
        ctx.addIssue({ code: "custom", message: "layer names must be unique", path: ["layers", i, "name"] });
      }
      seen.add(layer.name);
    });
  });

export type ScheduleSpec = z.output<typeof scheduleSpec>;
export type ScheduleLayer = z.output<typeof scheduleLayer>;
export type ScheduleRestriction = z.output<typeof scheduleRestriction>;
export type ScheduleOverride = z.output<typeof scheduleOverride>;

/** One stretch of on-call: `[start, end)`, instants. */
export interface Shift {
  user: string;
  start: Date;
  end: Date;
}
