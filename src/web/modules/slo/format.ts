/** A ratio as a percentage with enough digits for "nines" (99.95 %, not 100 %). */
export function percent(ratio: number | null | undefined, digits = 3): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return "—";
  const value = ratio * 100;
  // Trailing zeros add nothing: 99.900 % reads as 99.9 %.
  return `${Number.parseFloat(value.toFixed(digits))}%`;
}

export function burnRate(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return "—";
  return `${rate >= 10 ? rate.toFixed(1) : rate.toFixed(2)}×`;
}

/** Seconds as the largest two units, e.g. "3 d 4 h" or "12 min". */
export function duration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return "—";
  const units: [string, number][] = [
    ["d", 86_400],
    ["h", 3_600],
    ["min", 60],
  ];
  const parts: string[] = [];
  let rest = Math.max(0, Math.round(seconds));
  for (const [unit, size] of units) {
    const n = Math.floor(rest / size);
    if (n > 0 && parts.length < 2) parts.push(`${n} ${unit}`);
    rest -= n * size;
  }
  return parts.length > 0 ? parts.join(" ") : "< 1 min";
}
