/** The source of "now". Injected everywhere so tests can move time; domain code never calls Date.now(). */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** Instants on the wire and in the database: UTC ISO-8601 with milliseconds and `Z`, fixed width. */
export function toIso(d: Date): string {
  return d.toISOString();
}

export function addMs(d: Date, ms: number): Date {
  return new Date(d.getTime() + ms);
}
