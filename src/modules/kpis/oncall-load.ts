import type { Kysely } from "kysely";
import { Temporal } from "temporal-polyfill";
import type { Tables } from "../../platform/db/tables.ts";
import type { KpiView } from "./kpis.schema.ts";
import { countGroups } from "./stats.ts";

/** Working hours when nothing else is said: Monday to Friday, 09:00 to 17:00 in the person's own zone. */
export const workingHours = { days: [1, 2, 3, 4, 5], startMinute: 9 * 60, endMinute: 17 * 60 };
/** Night: 22:00 to 07:00 in the person's own zone. */
export const night = { fromMinute: 22 * 60, untilMinute: 7 * 60 };

export interface PageFact {
  id: string;
  user_name: string;
  sent_at: string;
  time_zone: string | null;
}

/** A page is a notification message that was sent to a person (state `sent`), at its sending instant. */
export function pageFacts(db: Kysely<Tables>, from: string, to: string): Promise<PageFact[]> {
  return db
    .selectFrom("notify_messages as m")
    .leftJoin("users as u", "u.name", "m.user_name")
    .select(["m.id as id", "m.user_name as user_name", "m.sent_at as sent_at", "u.time_zone as time_zone"])
    .where("m.state", "=", "sent")
    .where("m.sent_at", ">=", from)
    .where("m.sent_at", "<", to)
    .orderBy("m.sent_at")
    .orderBy("m.id")
    .execute() as Promise<PageFact[]>;
}

/**
 * A zone's UTC offsets (ms) over a span, from Temporal's own transition data: the offset at the start,
 * then one entry per transition (a few a year). Looking an instant up is then plain arithmetic, exact
 * across DST changes, instead of a slow Temporal conversion per page.
 */
export function zoneOffsets(zone: string, fromMs: number, toMs: number): (ms: number) => number {
  let at: Temporal.ZonedDateTime;
  try {
    at = Temporal.Instant.fromEpochMilliseconds(fromMs).toZonedDateTimeISO(zone);
  } catch {
    return () => 0;
  }
  const changes: { from: number; offset: number }[] = [
    { from: -Infinity, offset: at.offsetNanoseconds / 1e6 },
  ];
  for (let next = at.getTimeZoneTransition("next"); next && next.epochMilliseconds <= toMs; ) {
    changes.push({ from: next.epochMilliseconds, offset: next.offsetNanoseconds / 1e6 });
    next = next.getTimeZoneTransition("next");
  }
  return (ms) => {
    for (let i = changes.length - 1; i >= 0; i--) {
      const c = changes[i] as { from: number; offset: number };
      if (ms >= c.from) return c.offset;
    }
    return 0;
  };
}

/** The wall-clock weekday (1 = Monday) and minute of the day at `ms` given the zone's offset then. */
function wallClock(ms: number, offset: number): { weekday: number; minute: number } {
  const local = new Date(ms + offset);
  return {
    weekday: ((local.getUTCDay() + 6) % 7) + 1,
    minute: local.getUTCHours() * 60 + local.getUTCMinutes(),
  };
}

/** The wall-clock weekday and minute of `instant` in `zone` (UTC if unknown or invalid). */
export function localTime(instant: string, zone: string | null): { weekday: number; minute: number } {
  const ms = Date.parse(instant);
  return wallClock(ms, zoneOffsets(zone || "UTC", ms, ms)(ms));
}

/** Local times of many pages: one offset table per zone over the pages' span. */
function localTimes(pages: PageFact[]): { weekday: number; minute: number }[] {
  const times = pages.map((p) => Date.parse(p.sent_at));
  let from = Number.POSITIVE_INFINITY;
  let to = Number.NEGATIVE_INFINITY;
  for (const t of times) {
    if (t < from) from = t;
    if (t > to) to = t;
  }
  const zones = new Map<string, (ms: number) => number>();
  return pages.map((p, i) => {
    const zone = p.time_zone || "UTC";
    let offsetAt = zones.get(zone);
    if (!offsetAt) {
      offsetAt = zoneOffsets(zone, from, to);
      zones.set(zone, offsetAt);
    }
    const ms = times[i] as number;
    return wallClock(ms, offsetAt(ms));
  });
}

export function isOutsideWorkingHours(t: { weekday: number; minute: number }): boolean {
  return (
    !workingHours.days.includes(t.weekday) ||
    t.minute < workingHours.startMinute ||
    t.minute >= workingHours.endMinute
  );
}

export function isAtNight(t: { minute: number }): boolean {
  return t.minute >= night.fromMinute || t.minute < night.untilMinute;
}

export function oncallKpis(pages: PageFact[]): KpiView[] {
  const base = {
    unit: "count" as const,
    recordType: "message" as const,
    groupedBy: "person",
    unavailable: null,
  };
  const times = localTimes(pages);
  const local = pages.map((p, i) => ({ p, t: times[i] as { weekday: number; minute: number } }));
  const items = (keep: (t: { weekday: number; minute: number }) => boolean) =>
    local.filter(({ t }) => keep(t)).map(({ p }) => ({ key: p.user_name, id: p.id }));
  return [
    {
      name: "pages_per_person",
      definition:
        "Pages per person: notification messages sent to the person (state sent, by sending instant in [from, to)), every channel counted.",
      ...base,
      groups: countGroups(
        items(() => true),
        "count",
      ),
    },
    {
      name: "pages_outside_working_hours",
      definition:
        "Pages sent outside the person's working hours, in the person's own time zone (users.time_zone; UTC if unknown). Working hours are Monday-Friday 09:00-17:00 (the default; not yet configurable per person).",
      ...base,
      groups: countGroups(items(isOutsideWorkingHours), "count"),
    },
    {
      name: "pages_at_night",
      definition:
        "Pages sent between 22:00 and 07:00 in the person's own time zone (users.time_zone; UTC if unknown): the pages that wake people up.",
      ...base,
      groups: countGroups(items(isAtNight), "count"),
    },
  ];
}
