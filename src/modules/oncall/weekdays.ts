/**
 * Runtime constants of the schedule spec that the pure engine (rotation.ts, restrictions.ts) needs.
 * Kept free of zod so that the browser can bundle the engine: zod's eval probe is refused by the CSP.
 * schedule.schema.ts re-exports them, so server imports keep working.
 */

export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof WEEKDAYS)[number];
