import { useId } from "react";
import { niceTicks, type Series, type StackedData } from "./chart.ts";
import { formatMoney, formatMoneyCompact } from "./format.ts";

const WIDTH = 960;
const HEIGHT = 260;
const LEFT = 64;
const RIGHT = 8;
const TOP = 10;
const BOTTOM = 26;

const dayLabel = new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric", timeZone: "UTC" });
const dayOf = (day: string) => dayLabel.format(new Date(`${day}T00:00:00Z`));

export function slotClass(series: Series): string {
  return `cost-slot cost-slot-${series.slot}`;
}

/** A colour swatch of the legend and the tables, drawn like the bars so both themes agree. */
export function Swatch({ series }: { series: Series }) {
  return (
    <svg className="cost-swatch" viewBox="0 0 12 12" aria-hidden="true">
      <rect className={slotClass(series)} width={12} height={12} rx={2} />
    </svg>
  );
}

/**
 * Daily cost as stacked bars: one bar per day, one colour per top key, the rest as "Other". Each segment
 * has a tooltip; the figure's title and description make it readable for screen readers, and the table
 * below the chart holds the same numbers.
 */
export function StackedBars(props: {
  data: StackedData;
  currency: string | null;
  title: string;
  busy?: boolean;
}) {
  const { data, currency } = props;
  const id = useId();
  const ticks = niceTicks(data.max);
  const top = ticks.at(-1) || 1;
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const y = (v: number) => TOP + plotHeight - (v / top) * plotHeight;
  const slot = (WIDTH - LEFT - RIGHT) / Math.max(data.bars.length, 1);
  const barWidth = Math.max(1, Math.min(slot * 0.75, 40));
  const labelEvery = Math.ceil(data.bars.length / 12);
  const days = data.bars.length;
  const first = data.bars[0]?.day;
  const last = data.bars.at(-1)?.day;
  return (
    <figure className="cost-chart" aria-busy={props.busy || undefined}>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={`${id}-title ${id}-desc`}>
        <title id={`${id}-title`}>{props.title}</title>
        <desc id={`${id}-desc`}>
          {first && last
            ? `${days} days from ${dayOf(first)} to ${dayOf(last)}, highest day ${formatMoney(String(data.max), currency)}. ` +
              `Stacked by ${data.series.map((s) => s.label).join(", ")}.`
            : "No days in this range."}
        </desc>
        {ticks.map((t) => (
          <g key={t} className="cost-grid">
            <line x1={LEFT} x2={WIDTH - RIGHT} y1={y(t)} y2={y(t)} />
            <text x={LEFT - 6} y={y(t) + 4} textAnchor="end">
              {formatMoneyCompact(t, currency)}
            </text>
          </g>
        ))}
        {data.bars.map((bar, i) => {
          const x = LEFT + i * slot + (slot - barWidth) / 2;
          return (
            <g key={bar.day} className="cost-bar" data-day={bar.day} data-total={bar.total}>
              {bar.segments.map((s) => (
                <rect
                  key={s.series.id}
                  className={slotClass(s.series)}
                  data-key={s.series.label}
                  data-amount={s.amount}
                  x={x}
                  y={y(s.y1)}
                  width={barWidth}
                  height={Math.max(0, y(s.y0) - y(s.y1))}
                >
                  <title>{`${dayOf(bar.day)} · ${s.series.label}: ${formatMoney(s.amount, currency)}`}</title>
                </rect>
              ))}
              {i % labelEvery === 0 ? (
                <text className="cost-axis-label" x={x + barWidth / 2} y={HEIGHT - 8} textAnchor="middle">
                  {dayOf(bar.day)}
                </text>
              ) : null}
            </g>
          );
        })}
        <line className="cost-axis" x1={LEFT} x2={WIDTH - RIGHT} y1={y(0)} y2={y(0)} />
      </svg>
      <figcaption>
        <ul className="cost-legend" aria-label="Legend">
          {data.series.map((s) => (
            <li key={s.id} data-series={s.label}>
              <Swatch series={s} />
              <span>{s.label}</span> <span className="muted">{formatMoney(s.total, currency)}</span>
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
