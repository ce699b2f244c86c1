import { registerReadinessCheck } from "../catalog/index.ts";
import { scheduleCoverageCheck } from "../oncall/index.ts";
import { schedulesOfService } from "./policies.service.ts";

/**
 * Registers the on-call module's readiness check `oncall.schedule-covers-14d` with the schedules of a
 * service's escalation policy (issue 5, item 9). "Now" comes from the clock the scorecard is computed with
 * (the server's, a test's, or the CLI's system clock).
 */
registerReadinessCheck(
  scheduleCoverageCheck({
    schedulesOf: (ctx) => schedulesOfService(ctx.db, ctx.entity.name),
  }),
);
