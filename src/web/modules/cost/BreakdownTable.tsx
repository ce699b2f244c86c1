import { Link } from "@tanstack/react-router";
import { breakdownRows, drillDown } from "./breakdown.ts";
import { CsvButton } from "./CsvButton.tsx";
import type { Series } from "./chart.ts";
import { formatMoney, formatShare, keyLabel, shareOf, sumAmounts } from "./format.ts";
import { Swatch } from "./StackedBars.tsx";
import type { CostView } from "./search.ts";
import { type Breakdown, type Dimension, dimensionLabels, metricLabels } from "./types.ts";

function groupLabel(groupBy: string): string {
  return groupBy in dimensionLabels ? dimensionLabels[groupBy as Dimension] : `Tag ${groupBy.slice(4)}`;
}

/** Cost per key of the group-by, its share of the total, the unallocated part highlighted, the total. */
export function BreakdownTable(props: {
  breakdown: Breakdown;
  view: CostView;
  series: Series[];
  busy?: boolean;
}) {
  const { breakdown, view } = props;
  const rows = breakdownRows(breakdown);
  const seriesOf = new Map(props.series.map((s) => [s.label, s]));
  const drill = drillDown(view.groupBy);
  const currency = breakdown.currency;
  const csv = () => ({
    header: [groupLabel(view.groupBy), `${metricLabels[view.metric]} (${currency})`, "Share"],
    rows: [
      ...rows.map((r) => [keyLabel(r.key), r.amount, formatShare(shareOf(r.amount, breakdown.total), 2)]),
      ["Total", breakdown.total, "100.00 %"],
    ],
  });
  return (
    <>
      <div className="table-toolbar">
        <p className="muted small">
          {rows.length} {rows.length === 1 ? "row" : "rows"} · rows sum to{" "}
          {formatMoney(sumAmounts(rows.map((r) => r.amount)), currency)}
        </p>
        <CsvButton name={["cost-breakdown", view.groupBy, view.from, view.to]} table={csv} />
      </div>
      <div className="table-wrap">
        <table className="cost-table breakdown-table" aria-busy={props.busy || undefined}>
          <thead>
            <tr>
              <th scope="col">{groupLabel(view.groupBy)}</th>
              <th scope="col" className="num">
                {metricLabels[view.metric]}
              </th>
              <th scope="col" className="num">
                Share
              </th>
              <th scope="col" aria-label="Share bar" />
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const share = shareOf(r.amount, breakdown.total);
              const series = seriesOf.get(keyLabel(r.key));
              return (
                <tr
                  key={r.key ?? "\u0000"}
                  className={r.unallocated ? "row-unallocated" : undefined}
                  data-key={keyLabel(r.key)}
                  data-amount={r.amount}
                >
                  <td>
                    {series ? <Swatch series={series} /> : null}
                    {r.unallocated ? (
                      <span title="Cost without a value for this dimension: fix tags or allocation rules">
                        Unallocated
                      </span>
                    ) : drill && r.key ? (
                      <Link
                        to="/cost"
                        search={{ ...searchOf(view), [drill.filter]: r.key, groupBy: drill.next }}
                        title={`Only ${r.key}, by ${dimensionLabels[drill.next].toLowerCase()}`}
                      >
                        {r.key}
                      </Link>
                    ) : (
                      keyLabel(r.key)
                    )}
                  </td>
                  <td className="num">{formatMoney(r.amount, currency)}</td>
                  <td className="num">{formatShare(share)}</td>
                  <td className="share-cell">
                    <svg
                      className="share-bar"
                      viewBox="0 0 100 8"
                      preserveAspectRatio="none"
                      aria-hidden="true"
                    >
                      <rect className="share-track" width={100} height={8} rx={2} />
                      <rect
                        className="share-fill"
                        width={Math.max(0, Math.min(100, share * 100))}
                        height={8}
                        rx={2}
                      />
                    </svg>
                  </td>
                </tr>
              );
            })}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">Total</th>
              <td className="num total-amount" data-total={breakdown.total}>
                {formatMoney(breakdown.total, currency)}
              </td>
              <td className="num">100.0 %</td>
              <td />
            </tr>
          </tfoot>
        </table>
      </div>
    </>
  );
}

/** The URL search of a view, so links keep the range, metric and other filters. */
export function searchOf(view: CostView) {
  return { from: view.from, to: view.to, metric: view.metric, groupBy: view.groupBy, ...view.filters };
}
