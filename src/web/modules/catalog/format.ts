import type { EntitySummary } from "./types.ts";

type Duration = EntitySummary["rto"];

const units = [
  ["w", 604_800],
  ["d", 86_400],
  ["h", 3_600],
  ["min", 60],
  ["s", 1],
] as const;

/** 5400 -> "1 h 30 min". People compare RTOs at a glance; the ISO form is there for copying. */
export function formatSeconds(seconds: number): string {
  if (seconds === 0) return "0 s";
  const parts: string[] = [];
  let rest = seconds;
  for (const [unit, size] of units) {
    const n = Math.floor(rest / size);
    if (n > 0) parts.push(`${n} ${unit}`);
    rest -= n * size;
  }
  return parts.join(" ");
}

export function formatDuration(d: Duration): string {
  return d ? formatSeconds(d.seconds) : "—";
}

/** `group:platform` -> `platform`: refs are shown by name where the kind is clear from context. */
export function refName(ref: string): string {
  const i = ref.indexOf(":");
  return i < 0 ? ref : ref.slice(i + 1);
}

/** "1 service" / "3 services". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
