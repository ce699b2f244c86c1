const units = [
  ["d", 86_400],
  ["h", 3_600],
  ["min", 60],
] as const;

/** 7_500 s -> "2 h 5 min": the two largest units, enough to read an incident's age at a glance. */
export function compactDuration(seconds: number): string {
  if (seconds < 60) return `${Math.max(0, Math.floor(seconds))} s`;
  const parts: string[] = [];
  let rest = seconds;
  for (const [unit, size] of units) {
    const n = Math.floor(rest / size);
    if (n > 0 || parts.length > 0) parts.push(`${n} ${unit}`);
    rest -= n * size;
  }
  return parts
    .filter((p) => !p.startsWith("0 "))
    .slice(0, 2)
    .join(" ");
}

/** "5 min ago"; instants in the future (clock skew) read as "just now". */
export function ago(iso: string, now = Date.now()): string {
  const seconds = (now - Date.parse(iso)) / 1000;
  if (!Number.isFinite(seconds)) return iso;
  return seconds < 45 ? "just now" : `${compactDuration(seconds)} ago`;
}

/** How long something lasted, or has lasted until now when it has not ended. */
export function lasted(fromIso: string, toIso: string | null, now = Date.now()): string {
  const end = toIso ? Date.parse(toIso) : now;
  return compactDuration((end - Date.parse(fromIso)) / 1000);
}

/** `integration:prometheus-prod` -> "prometheus-prod"; timeline actors name people and integrations. */
export function actorName(actor: string): { name: string; integration: boolean } {
  return actor.startsWith("integration:")
    ? { name: actor.slice("integration:".length), integration: true }
    : { name: actor, integration: false };
}
