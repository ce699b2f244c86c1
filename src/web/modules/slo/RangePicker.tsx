export type ChartRange = "window" | "24h" | "6h";

const ranges: { value: ChartRange; label: string; hours: number | null }[] = [
  { value: "window", label: "Whole window", hours: null },
  { value: "24h", label: "24 hours", hours: 24 },
  { value: "6h", label: "6 hours", hours: 6 },
];

/** Where a chart starts: the SLO window's start, or a recent span of it (never before the window). */
export function rangeStart(range: ChartRange, windowFrom: string, at: string): string {
  const hours = ranges.find((r) => r.value === range)?.hours ?? null;
  if (hours === null) return windowFrom;
  return new Date(Math.max(Date.parse(windowFrom), Date.parse(at) - hours * 3_600_000)).toISOString();
}

export function RangePicker(props: { value: ChartRange; onChange: (range: ChartRange) => void }) {
  return (
    <fieldset className="range-picker" aria-label="Chart range">
      {ranges.map((r) => (
        <button
          key={r.value}
          type="button"
          className="button"
          aria-pressed={props.value === r.value}
          onClick={() => props.onChange(r.value)}
        >
          {r.label}
        </button>
      ))}
    </fieldset>
  );
}
