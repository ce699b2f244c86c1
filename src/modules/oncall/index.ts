import type { OpsdeckModule } from "../../platform/modules.ts";
import { oncallCommands } from "./oncall.cli.ts";
import { oncallMigrations } from "./oncall.migrations.ts";
import { oncallRoutes } from "./oncall.routes.ts";
import { scheduleKind } from "./schedules.kind.ts";
import "./oncall.tables.ts";

export { type CoverageCheckOptions, scheduleCoverageCheck } from "./coverage.ts";
export type { OverrideView, ScheduleDocumentSpec, ScheduleView } from "./oncall.schema.ts";
export type { Shift } from "./schedule.schema.ts";
export { getSchedule, listSchedules } from "./schedules.service.ts";
export { type Gap, type Reader, scheduleGaps, shiftsFor, whoIsOnCall } from "./shifts.service.ts";

export const oncallModule: OpsdeckModule = {
  name: "oncall",
  migrations: oncallMigrations,
  routes: oncallRoutes,
  kinds: [scheduleKind],
  commands: oncallCommands,
};
