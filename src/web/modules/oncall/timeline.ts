import { computeShifts } from "../../../modules/oncall/schedule.ts";
import type { OverrideView, ScheduleView, ShiftView } from "./types.ts";

/** The days the schedule page draws. */
export const TIMELINE_DAYS = 14;

/** One row of the timeline: a label and the stretches to draw in it. */
export interface TimelineRow {
  key: string;
  label: string;
  kind: "layer" | "overrides" | "final";
  bars: ShiftView[];
}

/** Local midnight today and 14 days later, as the window the page asks the API for. */
export function timelineWindow(now: Date): { from: Date; to: Date } {
  const from = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  const to = new Date(from);
  to.setDate(to.getDate() + TIMELINE_DAYS);
  return { from, to };
}

/**
 * The shifts of each layer alone in `[from, to)`: the server's pure engine (schedule.ts, rotation.ts,
 * restrictions.ts, all zod-free at runtime) run on a spec holding only that layer and no overrides.
 */
export function layerRows(spec: ScheduleView["spec"], from: Date, to: Date): TimelineRow[] {
  return spec.layers.map((layer, i) => ({
    key: `layer-${i}`,
    label: layer.name,
    kind: "layer" as const,
    bars: computeShifts({ timeZone: spec.timeZone, layers: [layer], overrides: [] }, from, to).map((s) => ({
      user: s.user,
      start: s.start.toISOString(),
      end: s.end.toISOString(),
    })),
  }));
}

/** The rows: one per layer (in spec order), the overrides, then the final schedule as the API answers it. */
export function timelineRows(
  layers: TimelineRow[],
  overrides: OverrideView[],
  final: ShiftView[],
): TimelineRow[] {
  return [
    ...layers,
    { key: "overrides", label: "Overrides", kind: "overrides", bars: overrides },
    { key: "final", label: "Final schedule", kind: "final", bars: final },
  ];
}

/** A stable colour slot per user, so one person has one colour in every row. */
export function colourSlot(user: string, users: readonly string[]): number {
  const index = users.indexOf(user);
  return (index < 0 ? users.length : index) % 8;
}
