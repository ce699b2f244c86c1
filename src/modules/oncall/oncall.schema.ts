import { z } from "zod";
import { entityName, isoInstant } from "../../platform/schema-common.ts";
import { scheduleSpec } from "./schedule.schema.ts";

/**
 * API contract and manifest kind of schedules. The engine's `scheduleSpec` is the heart of it; a stored
 * schedule adds an optional owner team. Imported by the routes and the web UI.
 */

/** The `spec` of a `kind: Schedule` document, and the editable part of a schedule in the API. */
export const scheduleDocumentSpec = scheduleSpec.safeExtend({ team: entityName.optional() });
export type ScheduleDocumentSpec = z.output<typeof scheduleDocumentSpec>;

export const createScheduleBody = scheduleDocumentSpec.safeExtend({ name: entityName });

/** An instant on the wire: UTC ISO-8601 with `Z`. */
const instant = z.string();

export const overrideView = z.object({
  /** null for an override written in the schedule's spec: it is changed by changing the spec. */
  id: z.string().nullable(),
  source: z.enum(["spec", "api"]),
  user: z.string(),
  start: instant,
  end: instant,
  reason: z.string(),
  createdBy: z.string(),
  createdAt: instant,
});
export type OverrideView = z.output<typeof overrideView>;

export const scheduleView = z.object({
  id: z.string(),
  name: z.string(),
  team: z.string().nullable(),
  /** The spec as applied, with the overrides written in it (API overrides are listed separately). */
  spec: scheduleSpec,
  /** Who is on call now, as `GET .../oncall` would answer. */
  onCallNow: z.string().nullable(),
  /** Users named by the layers, in order of first appearance. */
  participants: z.array(z.object({ name: z.string(), displayName: z.string().nullable() })),
  /** When the schedule's calendar feed URL was last (re)generated; null when it has none. */
  feedCreatedAt: instant.nullable(),
  createdAt: instant,
  updatedAt: instant,
});
export type ScheduleView = z.output<typeof scheduleView>;

export const listSchedulesQuery = z
  .object({
    team: entityName.optional(),
    /** Schedules a user takes part in (layers or overrides). */
    user: entityName.optional(),
    search: z.string().max(200).optional(),
  })
  .strict();
export type ListSchedulesQuery = z.output<typeof listSchedulesQuery>;

export const shiftsQuery = z.object({ from: isoInstant, to: isoInstant }).strict();
export const oncallQuery = z.object({ at: isoInstant.optional() }).strict();

export const shiftView = z.object({ user: z.string(), start: instant, end: instant });
export const shiftsResponse = z.object({ shifts: z.array(shiftView) });

/**
 * An override through the API. Without `user` the caller takes the time ("take this shift"); with another
 * user it is "cover me" (see overrides.service.ts for who may do what).
 */
export const createOverrideBody = z
  .object({
    user: entityName.optional(),
    start: isoInstant,
    end: isoInstant,
    reason: z.string().max(500).default(""),
  })
  .strict();
export type CreateOverrideInput = z.output<typeof createOverrideBody>;

export const listOverridesQuery = z
  .object({
    /** Overrides that end after this instant; default now. */
    from: isoInstant.optional(),
    /** Overrides that start before this instant; default: no limit. */
    to: isoInstant.optional(),
  })
  .strict();

/** The secret URL, shown once: only its hash is stored. */
export const feedView = z.object({ url: z.string(), createdAt: instant });
export type FeedView = z.output<typeof feedView>;
