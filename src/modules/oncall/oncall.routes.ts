import type { AppDeps, ZodApp } from "../../platform/modules.ts";
import { feedRoutes } from "./feeds.routes.ts";
import { overrideRoutes } from "./overrides.routes.ts";
import { scheduleRoutes } from "./schedules.routes.ts";

export function oncallRoutes(app: ZodApp, deps: AppDeps): void {
  scheduleRoutes(app, deps);
  overrideRoutes(app, deps);
  feedRoutes(app, deps);
}
