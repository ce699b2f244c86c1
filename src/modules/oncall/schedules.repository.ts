import type { Kysely, Selectable } from "kysely";
import type { Tables } from "../../platform/db/tables.ts";
import type { ScheduleDocumentSpec } from "./oncall.schema.ts";
import type { ScheduleOverrideTable, ScheduleTable } from "./oncall.tables.ts";
import type { ScheduleSpec } from "./schedule.schema.ts";
import type { ScheduleInput } from "./schedule.ts";

export type ScheduleRow = Selectable<ScheduleTable>;
export type OverrideRow = Selectable<ScheduleOverrideTable>;

export function findSchedule(db: Kysely<Tables>, name: string): Promise<ScheduleRow | undefined> {
  return db.selectFrom("oncall_schedules").selectAll().where("name", "=", name).executeTakeFirst();
}

/** The spec shape of a stored schedule: what `opsdeck apply` compares a document against. */
export function specOf(row: ScheduleRow): ScheduleDocumentSpec {
  const spec = JSON.parse(row.spec_json) as ScheduleSpec;
  return { ...spec, ...(row.team ? { team: row.team } : {}) };
}

/** Overrides of a schedule that overlap `[from, to)`, in precedence order (the last one wins). */
export function overridesIn(
  db: Kysely<Tables>,
  scheduleId: string,
  from: string,
  to: string,
): Promise<OverrideRow[]> {
  return db
    .selectFrom("oncall_overrides")
    .selectAll()
    .where("schedule_id", "=", scheduleId)
    .where("end_at", ">", from)
    .where("start_at", "<", to)
    .orderBy("created_at")
    .orderBy("position")
    .orderBy("id")
    .execute();
}

/**
 * What the engine computes from: the layers of the spec, and every stored override (the spec's and the
 * API's) in creation order, so the engine's "later in the list wins" means "later-created wins".
 */
export function engineInput(row: ScheduleRow, overrides: readonly OverrideRow[]): ScheduleInput {
  const spec = JSON.parse(row.spec_json) as ScheduleSpec;
  return {
    timeZone: spec.timeZone,
    layers: spec.layers,
    overrides: overrides.map((o) => ({ user: o.user_name, start: o.start_at, end: o.end_at })),
  };
}

/** User names a spec refers to, with the field path of each mention (for error messages). */
export function userMentions(spec: ScheduleSpec): { path: string; user: string }[] {
  const out: { path: string; user: string }[] = [];
  spec.layers.forEach((layer, i) => {
    layer.participants.forEach((user, j) => {
      out.push({ path: `layers.${i}.participants.${j}`, user });
    });
  });
  spec.overrides.forEach((o, i) => {
    out.push({ path: `overrides.${i}.user`, user: o.user });
  });
  return out;
}
