import type { OverrideView, ShiftView } from "./types.ts";

/** The days the schedule page draws. */
export const TIMELINE_DAYS = 14;

/** One row of the timeline: a label and the stretches to draw in it. */
export interface TimelineRow {
  key: string;
  label: string;
  kind: "overrides" | "final";
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
 * The rows: the overrides, then the final schedule exactly as the API answers it. The API has no
 * per-layer shifts, and the server's pure engine cannot be bundled as is (restrictions.ts takes WEEKDAYS
 * from schedule.schema.ts, which pulls in zod, whose eval probe the CSP refuses), so layers are not drawn.
 */
export function timelineRows(overrides: OverrideView[], final: ShiftView[]): TimelineRow[] {
  return [
    { key: "overrides", label: "Overrides", kind: "overrides", bars: overrides },
    { key: "final", label: "Final schedule", kind: "final", bars: final },
  ];
}

/** A stable colour slot per user, so one person has one colour in every row. */
export function colourSlot(user: string, users: readonly string[]): number {
  const index = users.indexOf(user);
  return (index < 0 ? users.length : index) % 8;
}
