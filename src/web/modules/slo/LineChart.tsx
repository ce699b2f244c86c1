import { type MouseEvent, useMemo, useState } from "react";

/** One line; a null `y` is a gap (no data), drawn as a break rather than as zero. */
export interface ChartSeries {
  key: string;
  label: string;
  points: { x: number; y: number | null }[];
  /** Sets the stroke colour through CSS (e.g. `line-accent`), so themes apply. */
  className?: string;
}

/** A horizontal reference line, e.g. the objective or an exhausted budget. */
export interface ChartRule {
  y: number;
  label: string;
  className?: string;
}

export interface LineChartProps {
  /** The chart's accessible name. */
  title: string;
  series: ChartSeries[];
  rules?: ChartRule[];
  /** Fixed y range; otherwise the data's (and the rules') range with a little room. */
  yDomain?: [number, number];
  formatY: (y: number) => string;
  formatX?: (x: number) => string;
  height?: number;
}

const width = 760;
const pad = { left: 64, right: 16, top: 12, bottom: 28 };

const defaultFormatX = (x: number) =>
  new Date(x).toLocaleString(undefined, {
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  });

function ticks(min: number, max: number, count: number): number[] {
  if (max === min) return [min];
  return Array.from({ length: count }, (_, i) => min + ((max - min) * i) / (count - 1));
}

/** A round step (1, 2 or 5 times a power of ten) giving about `count` intervals over the range. */
function niceStep(range: number, count: number): number {
  const raw = range / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const factor = raw / power;
  return (factor <= 1 ? 1 : factor <= 2 ? 2 : factor <= 5 ? 5 : 10) * power;
}

/** Round y ticks inside [min, max], so labels read 99.5 %, 99.6 %… rather than 99.58 %. */
function niceTicks(min: number, max: number, count: number): number[] {
  if (max === min) return [min];
  const step = niceStep(max - min, count);
  const out: number[] = [];
  for (let y = Math.ceil(min / step) * step; y <= max + step * 1e-9; y += step)
    out.push(Number(y.toPrecision(12)));
  return out;
}

/** The SVG path of a series: a new `M` after every gap, so missing data is never bridged. */
function pathOf(points: ChartSeries["points"], sx: (x: number) => number, sy: (y: number) => number): string {
  let d = "";
  let pen = false;
  for (const p of points) {
    if (p.y === null || !Number.isFinite(p.y)) {
      pen = false;
      continue;
    }
    d += `${pen ? "L" : "M"}${sx(p.x).toFixed(1)},${sy(p.y).toFixed(1)}`;
    pen = true;
  }
  return d;
}

/** What a screen reader hears: each series' first and last value with their times. */
function describe(
  series: ChartSeries[],
  formatY: (y: number) => string,
  formatX: (x: number) => string,
): string {
  return series
    .map((s) => {
      const known = s.points.filter((p): p is { x: number; y: number } => p.y !== null);
      const first = known[0];
      const last = known.at(-1);
      if (!first || !last) return `${s.label}: no data`;
      return `${s.label}: ${formatY(first.y)} at ${formatX(first.x)}, ${formatY(last.y)} at ${formatX(last.x)}`;
    })
    .join("; ");
}

/**
 * A small SVG line chart: time on x, one or more series, reference lines, gaps shown as breaks, and a
 * readout of the values under the pointer. Colours come from CSS classes, so light and dark themes work.
 */
export function LineChart(props: LineChartProps) {
  const { series, rules = [], formatY, formatX = defaultFormatX, height = 220 } = props;
  const [hover, setHover] = useState<number | null>(null);
  const geometry = useMemo(() => {
    const xs = series.flatMap((s) => s.points.map((p) => p.x));
    const ys = series.flatMap((s) => s.points.flatMap((p) => (p.y === null ? [] : [p.y])));
    if (xs.length === 0 || ys.length === 0) return null;
    const xMin = Math.min(...xs);
    const xMax = Math.max(...xs);
    let [yMin, yMax] = props.yDomain ?? [
      Math.min(...ys, ...rules.map((r) => r.y)),
      Math.max(...ys, ...rules.map((r) => r.y)),
    ];
    if (!props.yDomain) {
      const room = (yMax - yMin || Math.abs(yMax) || 1) * 0.08;
      yMin -= room;
      yMax += room;
    }
    const sx = (x: number) =>
      pad.left + (xMax === xMin ? 0.5 : (x - xMin) / (xMax - xMin)) * (width - pad.left - pad.right);
    const sy = (y: number) =>
      pad.top +
      (1 - (Math.min(Math.max(y, yMin), yMax) - yMin) / (yMax - yMin || 1)) * (height - pad.top - pad.bottom);
    return { xMin, xMax, yMin, yMax, sx, sy };
  }, [series, rules, props.yDomain, height]);

  if (!geometry)
    return (
      <p className="empty chart-empty" role="img" aria-label={`${props.title}: no data`}>
        No data in this range.
      </p>
    );
  const { xMin, xMax, yMin, yMax, sx, sy } = geometry;
  const base = series[0]?.points ?? [];
  const onMove = (event: MouseEvent<SVGRectElement>) => {
    const box = event.currentTarget.ownerSVGElement?.getBoundingClientRect();
    if (!box || base.length === 0) return;
    const x =
      xMin +
      ((((event.clientX - box.left) / box.width) * width - pad.left) / (width - pad.left - pad.right)) *
        (xMax - xMin);
    let nearest = 0;
    base.forEach((p, i) => {
      if (Math.abs(p.x - x) < Math.abs((base[nearest]?.x ?? 0) - x)) nearest = i;
    });
    setHover(nearest);
  };
  const hovered = hover === null ? undefined : base[hover];
  return (
    <figure className="line-chart-figure">
      <svg
        className="line-chart"
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={props.title}
        data-points={base.length}
      >
        <desc>{describe(series, formatY, formatX)}</desc>
        {niceTicks(yMin, yMax, 4).map((y) => (
          <g key={`y${y}`} className="chart-grid">
            <line x1={pad.left} x2={width - pad.right} y1={sy(y)} y2={sy(y)} />
            <text x={pad.left - 6} y={sy(y) + 4} textAnchor="end">
              {formatY(y)}
            </text>
          </g>
        ))}
        {ticks(xMin, xMax, 4).map((x, i, all) => (
          <text
            key={`x${x}`}
            className="chart-axis"
            x={sx(x)}
            y={height - 8}
            textAnchor={i === 0 ? "start" : i === all.length - 1 ? "end" : "middle"}
          >
            {formatX(x)}
          </text>
        ))}
        {rules.map((r) => (
          <g key={r.label} className={`chart-rule ${r.className ?? ""}`}>
            <line x1={pad.left} x2={width - pad.right} y1={sy(r.y)} y2={sy(r.y)} />
            <text x={width - pad.right} y={sy(r.y) - 4} textAnchor="end">
              {r.label}
            </text>
          </g>
        ))}
        {series.map((s) => (
          <path key={s.key} className={`chart-line ${s.className ?? ""}`} d={pathOf(s.points, sx, sy)} />
        ))}
        {hovered ? (
          <line
            className="chart-cursor"
            x1={sx(hovered.x)}
            x2={sx(hovered.x)}
            y1={pad.top}
            y2={height - pad.bottom}
          />
        ) : null}
        {/* biome-ignore lint/a11y/noStaticElementInteractions: the pointer readout only adds to what the caption and the page's tables already say */}
        <rect
          className="chart-overlay"
          x={pad.left}
          y={pad.top}
          width={width - pad.left - pad.right}
          height={height - pad.top - pad.bottom}
          onMouseMove={onMove}
          onMouseLeave={() => setHover(null)}
        />
      </svg>
      <figcaption className="chart-caption small">
        {hovered && hover !== null ? (
          <>
            <span className="muted">{formatX(hovered.x)}</span>
            {series.map((s) => {
              const y = s.points[hover]?.y;
              return (
                <span key={s.key} className="chart-readout">
                  <span className={`chart-swatch ${s.className ?? ""}`} aria-hidden="true" /> {s.label}:{" "}
                  {y === null || y === undefined ? "no data" : formatY(y)}
                </span>
              );
            })}
          </>
        ) : (
          series.map((s) => (
            <span key={s.key} className="chart-readout">
              <span className={`chart-swatch ${s.className ?? ""}`} aria-hidden="true" /> {s.label}
            </span>
          ))
        )}
      </figcaption>
    </figure>
  );
}
