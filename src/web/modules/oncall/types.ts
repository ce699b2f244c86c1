/**
 * Shapes of the on-call API, straight from the server's zod schemas (type-only imports: nothing of the
 * server reaches the bundle from here), so a contract change fails `npm run typecheck`.
 */
import type { FeedView, OverrideView, ScheduleView } from "../../../modules/oncall/oncall.schema.ts";

export type { FeedView, OverrideView, ScheduleView };

/** `shiftView` of src/modules/oncall/oncall.schema.ts. */
export interface ShiftView {
  user: string;
  start: string;
  end: string;
}
