/**
 * The error budget left, as a bar (SVG, so no inline style is needed under the CSP): green while more
 * than a quarter is left, amber below, red when spent. An unknown budget (no data yet) is an empty frame.
 */
export function BudgetBar({ remaining, label }: { remaining: number | null; label: string }) {
  const clamped = remaining === null ? 0 : Math.max(0, Math.min(1, remaining));
  const tone = remaining === null ? "unknown" : remaining <= 0 ? "spent" : remaining < 0.25 ? "low" : "ok";
  return (
    <svg
      className={`budget-bar budget-${tone}`}
      viewBox="0 0 100 8"
      preserveAspectRatio="none"
      role="img"
      aria-label={label}
    >
      {/* A spent budget fills the whole track in red: the bar must not look merely empty. */}
      <rect className="budget-track" x="0" y="0" width="100" height="8" rx="2" />
      <rect className="budget-fill" x="0" y="0" width={clamped * 100} height="8" rx="2" />
    </svg>
  );
}
