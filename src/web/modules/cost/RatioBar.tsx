import { formatShare } from "./format.ts";
import type { Ratio } from "./types.ts";

/**
 * A 0..1 ratio as a bar. Below 80 % it shows as a warning: an unused commitment is money paid for nothing,
 * untagged spend cannot be allocated.
 */
export function RatioBar({ ratio, label }: { ratio: Ratio; label: string }) {
  const value = Math.max(0, Math.min(1, Number(ratio) || 0));
  return (
    <svg
      className={`ratio-bar ${value < 0.8 ? "ratio-low" : "ratio-good"}`}
      viewBox="0 0 100 10"
      preserveAspectRatio="none"
      role="img"
      aria-label={`${label}: ${formatShare(ratio)}`}
    >
      <rect className="ratio-track" width={100} height={10} rx={3} />
      <rect className="ratio-fill" width={value * 100} height={10} rx={3} />
    </svg>
  );
}
