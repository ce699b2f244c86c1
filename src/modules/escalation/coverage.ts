import { type Clock, systemClock } from "../../platform/clock.ts";
import { registerReadinessCheck } from "../catalog/index.ts";
import { scheduleCoverageCheck } from "../oncall/index.ts";
import { schedulesOfService } from "./policies.service.ts";

/**
 * Registers the on-call module's readiness check `oncall.schedule-covers-14d` with the schedules of a
 * service's escalation policy (issue 5, item 9). Checks are registered once per process when the module
 * loads, before any app exists, and the catalog gives a check no clock: so "now" comes from the clock of
 * the app whose routes were mounted last (the server's, or a test's), and the system clock before that
 * (the CLI's `opsdeck catalog show`).
 */
let current: Clock = systemClock;

export function setReadinessClock(clock: Clock): void {
  current = clock;
}

registerReadinessCheck(
  scheduleCoverageCheck({
    clock: { now: () => current.now() },
    schedulesOf: (ctx) => schedulesOfService(ctx.db, ctx.entity.name),
  }),
);
