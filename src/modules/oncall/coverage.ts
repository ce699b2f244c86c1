import type { ReadinessCheck, ReadinessContext } from "../catalog/index.ts";
import { scheduleGaps } from "./shifts.service.ts";

/**
 * The readiness check "oncall.schedule-covers-14d" (issue 5, item 9): a service's escalation policy has
 * schedules with nobody-on-call gaps in none of the next 14 days. Escalation policies do not exist yet,
 * so this is a factory: the module that owns them registers the check with `registerReadinessCheck`,
 * passing how to find a service's schedules (null: the service has no escalation policy).
 */

export const COVERAGE_DAYS = 14;
const DAY_MS = 24 * 60 * 60 * 1000;
/** A failing check lists at most this many gaps: enough to act on, short enough to read. */
const SHOWN_GAPS = 3;

export interface CoverageCheckOptions {
  /** The schedules of the service's escalation policy, or null when it has no policy. */
  schedulesOf(ctx: ReadinessContext): Promise<string[] | null>;
}

export function scheduleCoverageCheck(options: CoverageCheckOptions): ReadinessCheck {
  return {
    id: "oncall.schedule-covers-14d",
    level: "silver",
    title: `Escalation policy's schedules have no gaps in the next ${COVERAGE_DAYS} days`,
    appliesTo: (entity) => entity.kind === "service",
    async check(ctx) {
      const schedules = await options.schedulesOf(ctx);
      if (schedules === null) return { pass: false, detail: "no escalation policy" };
      if (schedules.length === 0) return { pass: false, detail: "the escalation policy names no schedule" };
      const from = ctx.clock.now();
      const to = new Date(from.getTime() + COVERAGE_DAYS * DAY_MS);
      const problems: string[] = [];
      for (const name of schedules) {
        const gaps = await scheduleGaps(ctx.db, name, from, to);
        if (gaps.length === 0) continue;
        const shown = gaps
          .slice(0, SHOWN_GAPS)
          .map((g) => `${g.start.toISOString()} to ${g.end.toISOString()}`)
          .join(", ");
        const more = gaps.length > SHOWN_GAPS ? ` and ${gaps.length - SHOWN_GAPS} more` : "";
        problems.push(`${name} has nobody on call ${shown}${more}`);
      }
      return problems.length === 0 ? { pass: true } : { pass: false, detail: problems.join("; ") };
    },
  };
}
