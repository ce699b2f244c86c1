import type { Clock } from "../clock.ts";

/** A clock tests move by hand. Only tests use it; production code gets `systemClock`. */
export class FakeClock implements Clock {
  private current: number;
  constructor(start = "2026-11-02T09:00:00.000Z") {
    this.current = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current += ms;
  }
  set(iso: string): void {
    this.current = new Date(iso).getTime();
  }
}
