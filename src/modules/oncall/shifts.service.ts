import type { Kysely } from "kysely";
import { toIso } from "../../platform/clock.ts";
import type { Database } from "../../platform/db/database.ts";
import type { Tables } from "../../platform/db/tables.ts";
import { InputError, NotFoundError } from "../../platform/errors.ts";
import type { Shift } from "./schedule.schema.ts";
import { computeShifts } from "./schedule.ts";
import { engineInput, findSchedule, overridesIn, type ScheduleRow } from "./schedules.repository.ts";

/**
 * Who is on call, from stored schedules: the engine (schedule.ts) fed with the schedule's layers and its
 * overrides in the window. These are the functions other modules use (escalations, readiness checks).
 */

/** The longest window one shifts query may span: a year and a month, enough for any calendar view. */
export const MAX_WINDOW_DAYS = 400;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Services pass a Database; code already inside a transaction (a job handler) passes its transaction. */
export type Reader = Database | Kysely<Tables>;

function reader(db: Reader): Kysely<Tables> {
  return "write" in db && "read" in db ? db.read : (db as Kysely<Tables>);
}

/** Refuses windows the engine should not walk: reversed, empty or longer than MAX_WINDOW_DAYS. */
export function checkWindow(from: Date, to: Date): void {
  if (Number.isNaN(from.getTime()))
    throw new InputError("from is not an instant", [{ path: "from", message: "must be an instant" }]);
  if (Number.isNaN(to.getTime()))
    throw new InputError("to is not an instant", [{ path: "to", message: "must be an instant" }]);
  if (to.getTime() <= from.getTime())
    throw new InputError("to must be after from", [{ path: "to", message: "must be after from" }]);
  if (to.getTime() - from.getTime() > MAX_WINDOW_DAYS * DAY_MS) {
    const message = `must be at most ${MAX_WINDOW_DAYS} days after from`;
    throw new InputError(`to ${message}`, [{ path: "to", message }]);
  }
}

export async function scheduleRow(db: Reader, name: string): Promise<ScheduleRow> {
  const row = await findSchedule(reader(db), name);
  if (!row) throw new NotFoundError(`no schedule named '${name}'`);
  return row;
}

/** Shifts of a stored schedule over `[from, to)`, computed from a row already read. */
export async function shiftsOfRow(db: Reader, row: ScheduleRow, from: Date, to: Date): Promise<Shift[]> {
  const overrides = await overridesIn(reader(db), row.id, toIso(from), toIso(to));
  return computeShifts(engineInput(row, overrides), from, to);
}

/**
 * The shifts of a schedule over `[from, to)`: sorted, disjoint, consecutive stretches of one user merged,
 * clipped to the window. Throws NotFoundError for an unknown schedule, InputError for a bad window.
 */
export async function shiftsFor(db: Reader, scheduleName: string, from: Date, to: Date): Promise<Shift[]> {
  checkWindow(from, to);
  return shiftsOfRow(db, await scheduleRow(db, scheduleName), from, to);
}

/** The user on call at `at` (a user name), or null when the schedule leaves that instant uncovered. */
export async function whoIsOnCall(db: Reader, scheduleName: string, at: Date): Promise<string | null> {
  if (Number.isNaN(at.getTime()))
    throw new InputError("at is not an instant", [{ path: "at", message: "must be an instant" }]);
  const shifts = await shiftsFor(db, scheduleName, at, new Date(at.getTime() + 1));
  return shifts[0]?.user ?? null;
}

/** A stretch of `[start, end)` in which nobody is on call. */
export interface Gap {
  start: Date;
  end: Date;
}

/** The stretches of `[from, to)` in which the schedule has nobody on call; empty when it covers all. */
export async function scheduleGaps(db: Reader, scheduleName: string, from: Date, to: Date): Promise<Gap[]> {
  const shifts = await shiftsFor(db, scheduleName, from, to);
  const gaps: Gap[] = [];
  let cursor = from.getTime();
  for (const s of shifts) {
    if (s.start.getTime() > cursor) gaps.push({ start: new Date(cursor), end: s.start });
    cursor = Math.max(cursor, s.end.getTime());
  }
  if (cursor < to.getTime()) gaps.push({ start: new Date(cursor), end: to });
  return gaps;
}

/** A shift as the API shows it: instants in UTC with `Z`. */
export function presentShift(s: Shift): { user: string; start: string; end: string } {
  return { user: s.user, start: toIso(s.start), end: toIso(s.end) };
}
