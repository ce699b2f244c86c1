import type { z } from "zod";
import type { KindHandler } from "../../platform/manifests/kinds.ts";
import { type ScheduleDocumentSpec, scheduleDocumentSpec } from "./oncall.schema.ts";
import { allScheduleSpecs, putSchedule, removeSchedule, unknownUsers } from "./schedules.service.ts";

/**
 * `kind: Schedule`, applied after users and teams. Unlike a team member, a participant or override user
 * that is not a user refuses the apply (users declared in the same apply count): a rotation with
 * nobody real in it is a hole found only when someone is paged.
 */
export const scheduleKind: KindHandler<ScheduleDocumentSpec> = {
  apiVersion: "opsdeck.dev/v1",
  kind: "Schedule",
  order: 40,
  spec: scheduleDocumentSpec as unknown as z.ZodType<ScheduleDocumentSpec>,
  current: allScheduleSpecs,
  upsert: (db, ctx, name, spec) => putSchedule(db, ctx, name, spec),
  remove: removeSchedule,
  async validate(db, _name, spec, incoming) {
    const declared = new Set(incoming.get("User")?.keys() ?? []);
    return unknownUsers(db, spec, "spec.", declared);
  },
};
