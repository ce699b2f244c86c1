/**
 * Shapes of the SLO API, from the server's zod schemas (type-only: nothing of the server reaches the
 * bundle), so a contract change fails `npm run typecheck`.
 */
import type { z } from "zod";
import type {
  alertEntryView,
  detailView,
  seriesView,
  statusView,
  summaryView,
} from "../../../modules/slo/slo.views.ts";

export type SloSummary = z.infer<typeof summaryView>;
export type SloDetail = z.infer<typeof detailView>;
export type SloStatus = z.infer<typeof statusView>;
export type SeriesPoint = z.infer<typeof seriesView>["points"][number];
export type AlertEntry = z.infer<typeof alertEntryView>;

/** The burn-rate windows in the order the table shows them (short to long). */
export const burnWindows = ["5m", "30m", "1h", "2h", "6h", "1d", "3d"] as const;
export type BurnWindow = (typeof burnWindows)[number];

export interface BurnCondition {
  long: string;
  short: string;
  factor: number;
}

/** The SRE workbook's conditions, used when the SLO's spec does not list its own. */
export const defaultConditions: { page: BurnCondition[]; ticket: BurnCondition[] } = {
  page: [
    { long: "1h", short: "5m", factor: 14.4 },
    { long: "6h", short: "30m", factor: 6 },
  ],
  ticket: [
    { long: "1d", short: "2h", factor: 3 },
    { long: "3d", short: "6h", factor: 1 },
  ],
};
