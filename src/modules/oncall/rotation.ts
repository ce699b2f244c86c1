import { Temporal } from "temporal-polyfill";
import type { ScheduleLayer } from "./schedule.schema.ts";

/**
 * Period math of one layer. Instants are epoch milliseconds here: the engine compares and subtracts
 * millions of them, and numbers are far cheaper than Date or Temporal objects.
 *
 * Period k (k >= 0) starts at `start + k * every`:
 * - for `Nd` / `Nw` the addition is done in local wall time (PlainDateTime.add) and the result is
 *   resolved in the schedule's zone, so a daily handoff stays at 09:00 local across DST changes;
 * - for `Nh` / `Nm` it is elapsed time from the resolved start, so a 12h rotation's handoffs move by
 *   the DST offset in local time (which is what "every 12 hours" means on a clock that jumps).
 * Each period start is computed from the layer start, never from the previous period, so a handoff moved
 * forward by a DST gap does not drag the following ones with it.
 */

/** A half-open span `[start, end)` of epoch milliseconds. */
export interface Span {
  start: number;
  end: number;
}

export interface Segment extends Span {
  user: string;
}

export type EveryUnit = "m" | "h" | "d" | "w";

export interface Every {
  amount: number;
  unit: EveryUnit;
}

const MINUTE_MS = 60_000;
const UNIT_MS: Record<EveryUnit, number> = {
  m: MINUTE_MS,
  h: 60 * MINUTE_MS,
  d: 24 * 60 * MINUTE_MS,
  w: 7 * 24 * 60 * MINUTE_MS,
};

/** Parses "1w", "2d", "12h", "30m"; the input must have passed `scheduleSpec`. */
export function parseEvery(every: string): Every {
  const m = /^([1-9]\d*)([mhdw])$/.exec(every);
  if (!m) throw new RangeError(`invalid rotation period ${JSON.stringify(every)}`);
  return { amount: Number(m[1]), unit: m[2] as EveryUnit };
}

/**
 * The instant of a local wall time: a nonexistent time (spring forward) is moved forward by the gap, an
 * ambiguous one (fall back) takes the earlier instant, as RFC 5545 and Temporal's "compatible" do.
 */
export function resolveLocal(local: Temporal.PlainDateTime, timeZone: string): number {
  return local.toZonedDateTime(timeZone, { disambiguation: "compatible" }).epochMilliseconds;
}

/** The local calendar date of an instant. */
export function localDate(ms: number, timeZone: string): Temporal.PlainDate {
  return Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(timeZone).toPlainDate();
}

export interface Rotation {
  timeZone: string;
  start: Temporal.PlainDateTime;
  startMs: number;
  every: Every;
  /** The period's length when no DST change falls inside it: used to jump near the right period. */
  nominalMs: number;
}

export function makeRotation(layer: Pick<ScheduleLayer, "start" | "rotation">, timeZone: string): Rotation {
  const start = Temporal.PlainDateTime.from(layer.start);
  const every = parseEvery(layer.rotation.every);
  return {
    timeZone,
    start,
    startMs: resolveLocal(start, timeZone),
    every,
    nominalMs: every.amount * UNIT_MS[every.unit],
  };
}

/** Start of period k (k >= 0) in epoch ms. */
export function periodStart(rot: Rotation, k: number): number {
  const { amount, unit } = rot.every;
  if (unit === "m" || unit === "h") return rot.startMs + k * rot.nominalMs;
  const days = k * amount * (unit === "w" ? 7 : 1);
  return resolveLocal(rot.start.add({ days }), rot.timeZone);
}

/**
 * Index of the period containing `t`, or -1 before the layer starts. Local periods differ from the
 * nominal length only by DST offsets (hours), so the estimate is off by at most one or two periods.
 * A period that a zone skipped entirely (Pacific/Apia, December 2011) has zero length and is stepped over.
 */
export function periodIndexAt(rot: Rotation, t: number): number {
  if (t < rot.startMs) return -1;
  let k = Math.floor((t - rot.startMs) / rot.nominalMs);
  while (k > 0 && periodStart(rot, k) > t) k--;
  while (periodStart(rot, k + 1) <= t) k++;
  return k;
}

/**
 * The periods of a rotation that overlap `[from, to)`, clipped to it, each with its participant
 * (`participants[k mod n]`). Costs one step per period, whatever the window.
 */
export function rotationSegments(
  rot: Rotation,
  participants: readonly string[],
  from: number,
  to: number,
): Segment[] {
  const out: Segment[] = [];
  const lo = Math.max(from, rot.startMs);
  if (lo >= to || participants.length === 0) return out;
  let k = periodIndexAt(rot, lo);
  let cursor = lo;
  while (cursor < to) {
    const end = Math.min(periodStart(rot, k + 1), to);
    const user = participants[k % participants.length];
    if (user !== undefined && end > cursor) out.push({ user, start: cursor, end });
    cursor = Math.max(cursor, end);
    k++;
  }
  return out;
}
