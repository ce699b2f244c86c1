/** `5400` -> `1h 30m`; null -> `—` (nothing measured is not zero). Same rules as the report. */
export function duration(seconds: number | null): string {
  if (seconds === null) return "—";
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  if (d > 0) return `${d}d ${h}h`;
  if (h > 0) return `${h}h ${m}m`;
  return rest ? `${m}m ${rest}s` : `${m}m`;
}

export const share = (v: number | null) => (v === null ? "—" : `${(v * 100).toFixed(1)}%`);

/** SLIs need more digits: 99.95% and 99.99% differ by a factor of five in errors. */
export const precise = (v: number | null | undefined) =>
  v === null || v === undefined ? "—" : `${(v * 100).toFixed(3)}%`;
