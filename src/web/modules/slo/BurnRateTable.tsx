import { burnRate } from "./format.ts";
import { type BurnCondition, type BurnWindow, burnWindows, type SloStatus } from "./types.ts";

type Severity = "page" | "ticket";

/** The thresholds a window takes part in, per severity (a window may serve one condition of each). */
function thresholdsOf(window: string, conditions: Record<Severity, BurnCondition[]>) {
  const of = (severity: Severity) =>
    conditions[severity].filter((c) => c.long === window || c.short === window).map((c) => c.factor);
  return { page: of("page"), ticket: of("ticket") };
}

const over = (rate: number | null, factor: number) => rate !== null && rate > factor;

/**
 * Burn rates 5m..3d beside the page and ticket thresholds they are checked against; a rate above its
 * threshold is highlighted, and each multi-window condition is met only when both its windows are.
 */
export function BurnRateTable(props: {
  burnRates: SloStatus["burnRates"];
  conditions: Record<Severity, BurnCondition[]>;
}) {
  const { burnRates, conditions } = props;
  const rate = (w: string) => burnRates[w as BurnWindow] ?? null;
  return (
    <div className="burn-tables">
      <div className="table-wrap">
        <table className="burn-table" aria-label="Burn rates">
          <thead>
            <tr>
              <th scope="col">Window</th>
              <th scope="col">Burn rate</th>
              <th scope="col">Page above</th>
              <th scope="col">Ticket above</th>
            </tr>
          </thead>
          <tbody>
            {burnWindows.map((w) => {
              const t = thresholdsOf(w, conditions);
              const r = rate(w);
              const hot = t.page.some((f) => over(r, f))
                ? "page"
                : t.ticket.some((f) => over(r, f))
                  ? "ticket"
                  : "";
              return (
                <tr key={w} data-window={w} className={hot ? `burn-over-${hot}` : undefined}>
                  <th scope="row">{w}</th>
                  <td className="slo-num">{burnRate(r)}</td>
                  <td className={`slo-num threshold ${t.page.length ? "threshold-page" : ""}`}>
                    {t.page.length ? t.page.map((f) => `${f}×`).join(", ") : "—"}
                  </td>
                  <td className={`slo-num threshold ${t.ticket.length ? "threshold-ticket" : ""}`}>
                    {t.ticket.length ? t.ticket.map((f) => `${f}×`).join(", ") : "—"}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <ul className="burn-conditions" aria-label="Alert conditions">
        {(["page", "ticket"] as const).flatMap((severity) =>
          conditions[severity].map((c) => {
            const met = over(rate(c.long), c.factor) && over(rate(c.short), c.factor);
            return (
              <li
                key={`${severity}-${c.long}-${c.short}`}
                className={met ? `condition-met condition-${severity}` : ""}
              >
                <span className={`badge ${severity === "page" ? "badge-danger" : "badge-warn"}`}>
                  {severity}
                </span>{" "}
                {c.long} and {c.short} above {c.factor}×: {met ? <strong>met</strong> : "not met"}
              </li>
            );
          }),
        )}
      </ul>
    </div>
  );
}
