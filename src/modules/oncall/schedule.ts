import type { z } from "zod";
import { clipToSpans, restrictionSpans } from "./restrictions.ts";
import { makeRotation, rotationSegments, type Segment } from "./rotation.ts";
import type { ScheduleLayer, ScheduleOverride, Shift, scheduleSpec } from "./schedule.schema.ts";

/**
 * Who is on call, from a schedule spec alone: pure functions, times passed in.
 *
 * - A layer covers nothing before its start; from then on, the instant belongs to the period that
 *   contains it (rotation.ts) and goes to that period's participant, but only inside the layer's
 *   restriction windows when it has any (restrictions.ts).
 * - Layers are stacked in order: at any instant the last layer that covers it wins.
 * - Overrides win over every layer, and a later override over an earlier one.
 * - Touching stretches of the same user are merged into one shift, whichever layer or override they
 *   come from: a responder sees one shift, not the bookkeeping behind it.
 * - Shifts are clipped to the query window `[from, to)`; where no one is on call there is no shift.
 *
 * Cost: one step per rotation period and per local day of restriction windows inside the window, plus
 * linear merges; a year of a 1h rotation is 8,760 steps.
 */

/** A spec as written (overrides may be omitted) or as parsed; it must satisfy `scheduleSpec`. */
export type ScheduleInput = z.input<typeof scheduleSpec>;

/** The shifts of `[from, to)`, sorted, disjoint, merged, clipped. */
export function computeShifts(spec: ScheduleInput, from: Date, to: Date): Shift[] {
  const lo = from.getTime();
  const hi = to.getTime();
  // Written so that an invalid Date (NaN) also yields no shifts.
  if (!(lo < hi)) return [];
  let timeline: Segment[] = [];
  for (const layer of spec.layers) timeline = overlay(timeline, layerSegments(layer, spec.timeZone, lo, hi));
  timeline = overlay(timeline, overrideSegments(spec.overrides ?? [], lo, hi));
  return mergeTouching(timeline).map((s) => ({
    user: s.user,
    start: new Date(s.start),
    end: new Date(s.end),
  }));
}

/** The user on call at `at`, or null: exactly the user of the computeShifts shift containing `at`. */
export function onCallAt(spec: ScheduleInput, at: Date): string | null {
  // Date has millisecond resolution, so [at, at + 1 ms) holds the instant `at` and nothing else.
  const shifts = computeShifts(spec, at, new Date(at.getTime() + 1));
  return shifts[0]?.user ?? null;
}

function layerSegments(layer: ScheduleLayer, timeZone: string, from: number, to: number): Segment[] {
  const rotation = makeRotation(layer, timeZone);
  const lo = Math.max(from, rotation.startMs);
  if (lo >= to) return [];
  const segments = rotationSegments(rotation, layer.participants, lo, to);
  if (!layer.restrictions) return segments;
  return clipToSpans(segments, restrictionSpans(layer.restrictions, timeZone, lo, to));
}

function overrideSegments(overrides: readonly ScheduleOverride[], from: number, to: number): Segment[] {
  // Overrides are few and may overlap one another: stacking them one by one gives "later wins".
  let out: Segment[] = [];
  for (const o of overrides) {
    const start = Math.max(from, Date.parse(o.start));
    const end = Math.min(to, Date.parse(o.end));
    if (end > start) out = overlay(out, [{ user: o.user, start, end }]);
  }
  return out;
}

/**
 * Lays `top` over `base` (each sorted and disjoint): where `top` has a segment it wins, elsewhere `base`
 * shows through. Linear in both, so stacking layers of thousands of periods stays cheap.
 */
export function overlay(base: readonly Segment[], top: readonly Segment[]): Segment[] {
  if (top.length === 0) return [...base];
  const visible: Segment[] = [];
  let j = 0;
  for (const b of base) {
    while (j < top.length && (top[j]?.end ?? Number.POSITIVE_INFINITY) <= b.start) j++;
    let cursor = b.start;
    for (let i = j; i < top.length; i++) {
      const t = top[i];
      if (!t || t.start >= b.end) break;
      if (t.start > cursor) visible.push({ user: b.user, start: cursor, end: t.start });
      cursor = Math.max(cursor, t.end);
    }
    if (cursor < b.end) visible.push({ user: b.user, start: cursor, end: b.end });
  }
  return mergeByStart(visible, top);
}

function mergeByStart(a: readonly Segment[], b: readonly Segment[]): Segment[] {
  const out: Segment[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = a[i];
    const y = b[j];
    if (x && (!y || x.start <= y.start)) {
      out.push(x);
      i++;
    } else if (y) {
      out.push(y);
      j++;
    }
  }
  return out;
}

function mergeTouching(segments: readonly Segment[]): Segment[] {
  const out: Segment[] = [];
  for (const s of segments) {
    const prev = out.at(-1);
    if (prev && prev.user === s.user && prev.end === s.start) prev.end = s.end;
    else out.push({ ...s });
  }
  return out;
}
